import type * as tfjs from '@tensorflow/tfjs';
import { batchesPerEpoch, epochBatchIterator, type Split } from '@resnet-cifar/loader';
import { deviceSums, trainEpoch, type Session } from '@resnet-cifar/trainer';
import { stepSecondsOf } from '../pure/step-statistics.ts';

export interface WindowSettings {
  readonly batchSize: number;
  readonly warmup: number;
  readonly steps: number;
  readonly seed: number;
  readonly workers: number;
}

export interface PipelineWindow {
  readonly warmupSeconds: ReadonlyArray<number>;
  readonly stepSeconds: ReadonlyArray<number>;
}

/**
 * The train app's own loop (trainEpoch: loader pulled with prefetch 2 -> trainStep -> sgd.apply,
 * loss and errors summed on the device) for warm-up + timed steps of epoch 0. Per-step times are
 * host timestamps taken as each step returns, without a read-back: on wasm, cpu and tfjs-node the
 * kernels run synchronously, so a step has finished when the call returns. The window is closed by
 * its one read-back (the device sums), which is counted in the last step.
 */
export const timePipeline = async (tf: typeof tfjs, session: Session, split: Split, o: WindowSettings): Promise<PipelineWindow> => {
  const stepsPerEpoch = batchesPerEpoch(split.count, o.batchSize, 'wrap');
  if (o.warmup + o.steps > stepsPerEpoch) throw new Error(`--warmup + --steps must fit one epoch (${stepsPerEpoch} steps of ${o.batchSize})`);
  const sums = deviceSums(tf);
  const warm: number[] = [];
  const timed: number[] = [];
  const started = performance.now();
  let windowStart = started;
  await trainEpoch({
    tf, model: session.model, sgd: session.sgd, sums, stepsPerEpoch: o.warmup + o.steps, skipSteps: 0,
    batches: epochBatchIterator(split, {
      seed: o.seed, epoch: 0, mode: 'train', batchSize: o.batchSize, lastBatch: 'wrap', padding: 'mean', shuffle: true, prefetch: 2, workers: o.workers,
    }),
    learningRate: (stepInEpoch) => session.schedule(0, { stepInEpoch, stepsPerEpoch }),
    shouldStop: () => false,
    onStep: async ({ step }) => {
      if (step >= o.warmup) return void timed.push(performance.now());
      if (step === o.warmup - 1) await sums.read(); // warm-up work is finished before the window opens
      warm.push(performance.now());
      windowStart = performance.now();
    },
  });
  await sums.read();
  if (timed.length > 0) timed[timed.length - 1] = performance.now();
  sums.dispose();
  return { warmupSeconds: stepSecondsOf(started, warm), stepSeconds: stepSecondsOf(windowStart, timed) };
};
