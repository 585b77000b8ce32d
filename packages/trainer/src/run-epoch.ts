import { epochBatchIterator, type LoaderOptions } from '@resnet-cifar/loader';
import type { EpochDone, StepDone } from '@resnet-cifar/metrics/pure';
import type { DeviceSums, SumsRead } from './device-sums.ts';
import { divergedInTraining, divergedInValidation, type divergenceWatch } from './divergence.ts';
import { evaluateSplit } from './evaluate.ts';
import type { EpochSoFar } from './pure/checkpoint-header.ts';
import { trainEpoch } from './train-epoch.ts';
import type { StartPosition, TrainingRun } from './train.ts';

/** What one epoch's pass needs besides the run: the device sums, the NaN watch, where a resume starts. */
export interface EpochContext {
  readonly run: TrainingRun;
  readonly sums: DeviceSums;
  readonly watch: ReturnType<typeof divergenceWatch>;
  readonly stop: () => boolean;
  readonly stepsPerEpoch: number;
  readonly onStep: (event: StepDone) => void;
  readonly started: number;
}

/** An epoch ends with its row, or with the position to checkpoint because a stop cut it short. */
export type EpochOutcome = { readonly done: EpochDone } | { readonly stoppedAt: Omit<StartPosition, 'history'> };

const trainingBatches = (run: TrainingRun, epoch: number): LoaderOptions => ({
  seed: run.settings.seed,
  epoch,
  batchSize: run.settings.batchSize,
  lastBatch: run.settings.lastBatch,
  mode: 'train',
  padding: run.settings.padding,
  shuffle: true,
  prefetch: 2,
  workers: run.settings.workers,
});

/** The epoch's validation when one is due: `stopped` when a stop request cut it short. */
const validate = async (run: TrainingRun, epoch: number, shouldStop: () => boolean) => {
  const due = run.settings.evalFreq > 0 && ((epoch + 1) % run.settings.evalFreq === 0 || epoch + 1 === run.settings.epochs);
  if (!run.validation || !due) return { stopped: false } as const;
  const result = await evaluateSplit(run.tf, run.model, run.validation, { batchSize: run.settings.batchSize, classes: run.settings.classes, flip: false, shouldStop });
  if (result.count < run.validation.count) return { stopped: true } as const;
  if (!Number.isFinite(result.loss)) throw divergedInValidation(epoch);
  return { stopped: false, loss: result.loss, error: result.error } as const;
};

const soFar = (sums: SumsRead, seconds: number): EpochSoFar => ({ lossSum: sums.lossSum, errors: sums.errors, count: sums.count, seconds });

/** The steps of an epoch not yet done, then its validation; a resumed epoch continues its sums and clock. */
export const runEpoch = async (context: EpochContext, epoch: number, resumed?: Omit<StartPosition, 'history'>): Promise<EpochOutcome> => {
  const { run, sums, watch, stepsPerEpoch } = context;
  const epochStart = run.now() - 1000 * (resumed?.epochSoFar?.seconds ?? 0);
  const learningRate = (stepInEpoch: number) => run.schedule(epoch, { stepInEpoch, stepsPerEpoch });
  if (resumed?.epochSoFar) sums.restore(resumed.epochSoFar);
  else sums.reset();
  const skipSteps = resumed?.stepInEpoch ?? 0;
  const done = skipSteps >= stepsPerEpoch ? skipSteps : await trainEpoch({
    tf: run.tf, model: run.model, sgd: run.sgd, sums, stepsPerEpoch, skipSteps, learningRate,
    batches: epochBatchIterator(run.train, trainingBatches(run, epoch), run.loader),
    ...(run.loader?.pool ? { recycle: run.loader.pool.give } : {}),
    shouldStop: () => context.stop() || watch.diverged(),
    onStep: async ({ step, images, lr }) => {
      context.onStep({ type: 'step', epoch, step, stepsPerEpoch, images, lr, time: run.now() - context.started });
      await watch.afterStep();
    },
  });
  const trained = await sums.read(); // the epoch's one sync point
  if (trained.nonFiniteStep !== undefined) throw divergedInTraining(epoch, trained.nonFiniteStep, learningRate(trained.nonFiniteStep));
  const seconds = (run.now() - epochStart) / 1000;
  if (done < stepsPerEpoch) return { stoppedAt: { epoch, stepInEpoch: done, epochSoFar: soFar(trained, seconds) } };
  const validation = await validate(run, epoch, context.stop);
  if (validation.stopped) return { stoppedAt: { epoch, stepInEpoch: stepsPerEpoch, epochSoFar: soFar(trained, seconds) } };
  return {
    done: {
      type: 'epoch', epoch, lr: learningRate(0),
      trainLoss: trained.lossSum / trained.count, trainError: trained.errors / trained.count,
      ...(validation.loss === undefined ? {} : { valLoss: validation.loss, valError: validation.error }),
      seconds, images: trained.count, imagesPerSecond: trained.count / seconds, memory: await run.memory(),
    },
  };
};
