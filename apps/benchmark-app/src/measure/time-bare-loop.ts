import type * as tfjs from '@tensorflow/tfjs';
import { peakBufferBytes } from '@resnet-cifar/backend';
import type { Session } from '@resnet-cifar/trainer';

export interface BareLoop {
  /** Runs and times one bare step (ended by reading its loss, one scalar), in seconds. */
  step(): Promise<number>;
  /** tfjs buffer bytes at the peak of one (untimed) step, each buffer once (tf.profile would count every tensor object). */
  peakBytes(): Promise<number>;
}

/**
 * The floor the pipeline is compared with: the same model and optimizer, ONE batch already on the
 * device, lossAndGradients + sgd.apply and nothing else (no loader, no sums, no events).
 */
export const bareLoop = (tf: typeof tfjs, session: Session, images: tfjs.Tensor4D, labels: tfjs.Tensor1D, lr: number): BareLoop => {
  const run = (): tfjs.Scalar => {
    const { loss, logits, grads } = session.model.lossAndGradients(images, labels);
    session.sgd.apply(grads, lr);
    tf.dispose([logits, ...grads.values()]);
    return loss;
  };
  return {
    async step() {
      const start = performance.now();
      const loss = run();
      await loss.data();
      loss.dispose();
      return (performance.now() - start) / 1000;
    },
    async peakBytes() {
      return peakBufferBytes(tf, () => void run().dispose());
    },
  };
};
