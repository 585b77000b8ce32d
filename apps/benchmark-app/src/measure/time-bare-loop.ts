import type * as tfjs from '@tensorflow/tfjs';
import type { Session } from '@resnet-cifar/trainer';
import { stepSecondsOf } from '../pure/step-statistics.ts';

export interface BareLoop {
  readonly stepSeconds: ReadonlyArray<number>;
  /** tfjs bytes at the peak of the first (profiled, untimed) step. */
  readonly peakTfjsBytes: number;
}

/**
 * The floor the pipeline is compared with: the same model and optimizer, ONE batch already on the
 * device, lossAndGradients + sgd.apply and nothing else (no loader, no sums, no events). The first
 * step runs under tf.profile for the peak tensor bytes of a step and is not timed.
 */
export const timeBareLoop = async (
  tf: typeof tfjs, session: Session, images: tfjs.Tensor4D, labels: tfjs.Tensor1D, steps: number, lr: number,
): Promise<BareLoop> => {
  const step = (keepLoss: boolean): tfjs.Scalar | undefined => {
    const { loss, logits, grads } = session.model.lossAndGradients(images, labels);
    session.sgd.apply(grads, lr);
    tf.dispose([logits, ...grads.values(), ...(keepLoss ? [] : [loss])]);
    return keepLoss ? loss : undefined;
  };
  const profile = await tf.profile(() => void step(false));
  const stamps: number[] = [];
  const start = performance.now();
  for (let i = 0; i < steps; i += 1) {
    const loss = step(i === steps - 1);
    if (loss) {
      await loss.data(); // the window's one read-back
      loss.dispose();
    }
    stamps.push(performance.now());
  }
  return { stepSeconds: stepSecondsOf(start, stamps), peakTfjsBytes: profile.peakBytes };
};
