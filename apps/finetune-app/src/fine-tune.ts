import type * as tfjs from '@tensorflow/tfjs';
import { lastValueFrom, toArray, type MonoTypeOperatorFunction } from 'rxjs';
import type { Split } from '@resnet-cifar/loader';
import type { TrainEvent } from '@resnet-cifar/metrics';
import { createSgd, type Schedule } from '@resnet-cifar/optim';
import { outputShapes, type ResnetModel } from '@resnet-cifar/resnet-graph';
import { evaluateSplit, train, type Evaluation } from '@resnet-cifar/trainer';

export interface FineTuning {
  readonly epochs: number;
  readonly batchSize: number;
  readonly schedule: Schedule;
  readonly seed: number;
  /** Judge before and after with flip test-time augmentation. */
  readonly flip: boolean;
}

export interface FineTuned {
  readonly before: Evaluation;
  readonly after: Evaluation;
}

/**
 * The example of reuse: a saved model, a new optimizer and schedule, the packages' training loop
 * on a subset, and evaluation with test-time augmentation before and after. The model is updated
 * in place; `sinks` see every training event (progress, logs).
 */
export const fineTune = async (
  tf: typeof tfjs,
  model: ResnetModel,
  data: { readonly train: Split; readonly validation: Split },
  how: FineTuning,
  sinks: MonoTypeOperatorFunction<TrainEvent>,
): Promise<FineTuned> => {
  const classes = outputShapes(model.graph).get(model.graph.nodes.at(-1)?.name ?? '')?.[0] ?? 10;
  const judge = () => evaluateSplit(tf, model, data.validation, { batchSize: how.batchSize, classes, flip: how.flip });
  const before = await judge();
  const sgd = createSgd(tf, model.trainable, { momentum: 0.9, weightDecay: 1e-4 });
  try {
    const events = train({
      tf, model, sgd, schedule: how.schedule, train: data.train,
      settings: { epochs: how.epochs, batchSize: how.batchSize, seed: how.seed, evalFreq: 0, padding: 'mean', lastBatch: 'wrap', workers: 0, classes },
      start: { epoch: 0, stepInEpoch: 0, history: [] },
      memory: async () => ({ tfjsTensors: tf.memory().numTensors, tfjsBytes: tf.memory().numBytes, rssBytes: process.memoryUsage().rss }),
      shouldStop: () => false,
      now: () => performance.now(),
    });
    await lastValueFrom(events.pipe(sinks, toArray()));
  } finally {
    sgd.dispose();
  }
  return { before, after: await judge() };
};
