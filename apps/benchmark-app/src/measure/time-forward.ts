import type * as tfjs from '@tensorflow/tfjs';
import type { ResnetModel } from '@resnet-cifar/resnet-graph';
import { stepSecondsOf } from '../pure/step-statistics.ts';

/** Inference (model.predict, running batch-norm statistics) on one pre-built batch: 1 untimed pass, then `passes` timed. */
export const timeForward = async (tf: typeof tfjs, model: ResnetModel, images: tfjs.Tensor4D, passes: number): Promise<ReadonlyArray<number>> => {
  const warm = model.predict(images);
  await warm.data();
  warm.dispose();
  const stamps: number[] = [];
  const start = performance.now();
  for (let i = 0; i < passes; i += 1) {
    const logits = model.predict(images);
    if (i === passes - 1) await logits.data(); // one read-back closes the window
    logits.dispose();
    stamps.push(performance.now());
  }
  return stepSecondsOf(start, stamps);
};
