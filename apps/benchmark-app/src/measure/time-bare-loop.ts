import type * as tfjs from '@tensorflow/tfjs';
import type { Session } from '@resnet-cifar/trainer';

export interface BareLoop {
  /** Runs and times one bare step (ended by reading its loss, one scalar), in seconds. */
  step(): Promise<number>;
  /** tfjs bytes at the peak of one (untimed) step, from tf.profile. */
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
      const profile = await tf.profile(() => void run().dispose());
      return profile.peakBytes;
    },
  };
};
