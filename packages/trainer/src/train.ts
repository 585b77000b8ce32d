import type * as tfjs from '@tensorflow/tfjs';
import { Observable } from 'rxjs';
import { batchesPerEpoch, epochBatchIterator, type LoaderOptions, type LoaderResources, type Split } from '@resnet-cifar/loader';
import type { ResnetModel } from '@resnet-cifar/resnet-graph';
import type { Sgd } from '@resnet-cifar/optim';
import type { Schedule } from '@resnet-cifar/optim/pure';
import type { EpochDone, MemoryFigures, TrainEvent } from '@resnet-cifar/metrics/pure';
import { deviceSums } from './device-sums.ts';
import { evaluateSplit } from './evaluate.ts';
import { trainEpoch } from './train-epoch.ts';

export interface TrainingSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Validate every this many epochs (and always after the last); 0 = never. */
  readonly evalFreq: number;
  readonly padding: LoaderOptions['padding'];
  readonly lastBatch: LoaderOptions['lastBatch'];
  readonly workers: number;
  readonly classes: number;
}

/** Where to start: a fresh run starts at epoch 0, step 0, with no history. */
export interface StartPosition {
  readonly epoch: number;
  readonly stepInEpoch: number;
  readonly history: readonly EpochDone[];
}

export interface TrainingRun {
  readonly tf: typeof tfjs;
  readonly model: ResnetModel;
  readonly sgd: Sgd;
  readonly schedule: Schedule;
  readonly train: Split;
  readonly validation?: Split;
  readonly settings: TrainingSettings;
  readonly start: StartPosition;
  /** Persists the run at a position (after each epoch, or mid-epoch on a stop request); returns the path. */
  readonly checkpoint?: (position: StartPosition) => Promise<string>;
  /** Sampled once per epoch (on a GPU it asks nvidia-smi). */
  readonly memory: () => Promise<MemoryFigures>;
  readonly shouldStop: () => boolean;
  readonly now: () => number;
  /**
   * Worker threads kept for the whole run (each costs a second to start), and an image pool, which
   * is only safe where the backend copies a tensor's data on creation (wasm; not cpu or tfjs-node).
   */
  readonly loader?: LoaderResources;
}

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

const validate = async (run: TrainingRun, epoch: number) => {
  const due = run.settings.evalFreq > 0 && ((epoch + 1) % run.settings.evalFreq === 0 || epoch + 1 === run.settings.epochs);
  if (!run.validation || !due) return undefined;
  return evaluateSplit(run.tf, run.model, run.validation, { batchSize: run.settings.batchSize, classes: run.settings.classes, flip: false });
};

/**
 * The training loop as a cold Observable of events: subscribing runs the epochs from `start`;
 * unsubscribing stops after the current step. Batches are pulled, so the loader never runs ahead
 * of the device by more than its prefetch, and the host reads the device once per epoch.
 */
export const train = (run: TrainingRun): Observable<TrainEvent> =>
  new Observable<TrainEvent>((subscriber) => {
    let unsubscribed = false;
    const stop = () => unsubscribed || run.shouldStop();
    const sums = deviceSums(run.tf);
    const started = run.now();
    const loop = async () => {
      const history = [...run.start.history];
      const stepsPerEpoch = batchesPerEpoch(run.train.count, run.settings.batchSize, run.settings.lastBatch);
      let epoch = run.start.epoch;
      for (; epoch < run.settings.epochs && !stop(); epoch += 1) {
        const epochStart = run.now();
        const skipSteps = epoch === run.start.epoch ? run.start.stepInEpoch : 0;
        const learningRate = (stepInEpoch: number) => run.schedule(epoch, { stepInEpoch, stepsPerEpoch });
        sums.reset();
        const done = await trainEpoch({
          tf: run.tf, model: run.model, sgd: run.sgd, sums, stepsPerEpoch, skipSteps, learningRate,
          batches: epochBatchIterator(run.train, trainingBatches(run, epoch), run.loader),
          ...(run.loader?.pool ? { recycle: run.loader.pool.give } : {}),
          shouldStop: stop,
          onStep: ({ step, images, lr }) =>
            subscriber.next({ type: 'step', epoch, step, stepsPerEpoch, images, lr, time: run.now() - started }),
        });
        const trained = await sums.read(); // the epoch's one sync point
        const seconds = (run.now() - epochStart) / 1000;
        if (done < stepsPerEpoch) {
          const path = await run.checkpoint?.({ epoch, stepInEpoch: done, history });
          if (path) subscriber.next({ type: 'checkpoint', epoch, path });
          break;
        }
        const validation = await validate(run, epoch);
        const event: EpochDone = {
          type: 'epoch', epoch, lr: learningRate(0),
          trainLoss: trained.lossSum / trained.count, trainError: trained.errors / trained.count,
          ...(validation ? { valLoss: validation.loss, valError: validation.error } : {}),
          seconds, images: trained.count, imagesPerSecond: trained.count / seconds, memory: await run.memory(),
        };
        history.push(event);
        subscriber.next(event);
        const path = await run.checkpoint?.({ epoch: epoch + 1, stepInEpoch: 0, history });
        if (path) subscriber.next({ type: 'checkpoint', epoch, path });
      }
      if (epoch < run.settings.epochs) return; // stopped early: the checkpoint is the result
      const last = history.at(-1);
      subscriber.next({
        type: 'run-finished', epochs: history.length, seconds: (run.now() - started) / 1000,
        ...(last?.valError !== undefined ? { finalValError: last.valError } : {}),
      });
    };
    // The sums are freed before completion, so a subscriber that counts tensors at the end sees none left.
    loop()
      .finally(() => sums.dispose())
      .then(() => subscriber.complete(), (error: unknown) => subscriber.error(error));
    return () => {
      unsubscribed = true;
    };
  });
