import type * as tfjs from '@tensorflow/tfjs';
import { batchesPerEpoch, epochBatchIterator, type Split } from '@resnet-cifar/loader';
import { deviceSums, trainEpoch, type Session } from '@resnet-cifar/trainer';

export interface WindowSettings {
  readonly batchSize: number;
  readonly warmup: number;
  readonly steps: number;
  readonly seed: number;
  readonly workers: number;
  /** Read the device back after every timed step: GPU backends queue kernels, so a returned call is no finished step. */
  readonly syncEachStep: boolean;
}

export interface PipelineWindow {
  readonly warmupSeconds: ReadonlyArray<number>;
  readonly stepSeconds: ReadonlyArray<number>;
}

/**
 * The train app's own loop (trainEpoch: loader pulled with prefetch 2 -> trainStep -> sgd.apply,
 * loss and errors summed on the device) for warm-up + timed steps of epoch 0. Per-step times are
 * host timestamps taken as each step returns, without a read-back: on wasm, cpu and tfjs-node on a
 * CPU kernels run synchronously, so a step has finished when the call returns. The window's one
 * read-back (the device sums) is counted in the last step. On a GPU (`syncEachStep`) each timed
 * step ends with that read-back, one small copy, so that each time is of a finished step. `between(k)`, if given, runs after timed
 * step k, outside the timing (the bare loop, interleaved so both see the same machine load).
 */
export const timePipeline = async (
  tf: typeof tfjs, session: Session, split: Split, o: WindowSettings, between?: (k: number) => Promise<void>,
): Promise<PipelineWindow> => {
  const stepsPerEpoch = batchesPerEpoch(split.count, o.batchSize, 'wrap');
  if (o.warmup + o.steps > stepsPerEpoch) throw new Error(`--warmup + --steps must fit one epoch (${stepsPerEpoch} steps of ${o.batchSize})`);
  const sums = deviceSums(tf);
  const warm: number[] = [];
  const timed: number[] = [];
  let stepStart = performance.now();
  await trainEpoch({
    tf, model: session.model, sgd: session.sgd, sums, stepsPerEpoch: o.warmup + o.steps, skipSteps: 0,
    batches: epochBatchIterator(split, {
      seed: o.seed, epoch: 0, mode: 'train', batchSize: o.batchSize, lastBatch: 'wrap', padding: 'mean', shuffle: true, prefetch: 2, workers: o.workers,
    }),
    learningRate: (stepInEpoch) => session.schedule(0, { stepInEpoch, stepsPerEpoch }),
    shouldStop: () => false,
    onStep: async ({ step }) => {
      if (step === o.warmup - 1 || (step >= o.warmup && o.syncEachStep)) await sums.read(); // the work is finished
      (step < o.warmup ? warm : timed).push((performance.now() - stepStart) / 1000);
      if (step >= o.warmup && between !== undefined) await between(step - o.warmup);
      stepStart = performance.now();
    },
  });
  await sums.read();
  const last = timed.length - 1;
  if (last >= 0) timed[last] = (timed[last] as number) + (performance.now() - stepStart) / 1000;
  sums.dispose();
  return { warmupSeconds: warm, stepSeconds: timed };
};
