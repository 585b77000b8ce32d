import type * as tfjs from '@tensorflow/tfjs';
import { Observable } from 'rxjs';
import { batchesPerEpoch, type LoaderOptions, type LoaderResources, type Split } from '@resnet-cifar/loader';
import type { ResnetModel } from '@resnet-cifar/resnet-graph';
import type { Sgd } from '@resnet-cifar/optim';
import type { Schedule } from '@resnet-cifar/optim/pure';
import type { EpochDone, MemoryFigures, TrainEvent } from '@resnet-cifar/metrics/pure';
import { deviceSums } from './device-sums.ts';
import { divergenceWatch, TrainingDiverged } from './divergence.ts';
import type { EpochSoFar } from './pure/checkpoint-header.ts';
import { runEpoch, type EpochContext } from './run-epoch.ts';

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
  /** Steps of `epoch` already done; all of them when a stop came during its validation. */
  readonly stepInEpoch: number;
  readonly history: readonly EpochDone[];
  /** The sums of those steps, so the epoch's row is the one an uninterrupted run writes. */
  readonly epochSoFar?: EpochSoFar;
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
  /** Persists the run at a position (after each epoch, or mid-epoch on a stop request); returns the path. Never called once the loss is NaN. */
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

/**
 * The training loop as a cold Observable of events: subscribing runs the epochs from `start`;
 * unsubscribing stops after the current step. Batches are pulled, so the loader never runs ahead
 * of the device by more than its prefetch, and the host reads the device once per epoch (and at
 * most once a second for a NaN loss, which ends the stream with `TrainingDiverged`).
 */
export const train = (run: TrainingRun): Observable<TrainEvent> =>
  new Observable<TrainEvent>((subscriber) => {
    let unsubscribed = false;
    const sums = deviceSums(run.tf);
    const watch = divergenceWatch(sums, run.now);
    const stop = () => unsubscribed || run.shouldStop();
    const started = run.now();
    const history = [...run.start.history];
    const checkpoint = async (position: StartPosition, epoch: number) => {
      const path = await run.checkpoint?.(position);
      if (path) subscriber.next({ type: 'checkpoint', epoch, path, ...(position.stepInEpoch > 0 ? { stepInEpoch: position.stepInEpoch } : {}) });
    };
    const context: EpochContext = {
      run, sums, watch, stop, started, onStep: (event) => subscriber.next(event),
      stepsPerEpoch: batchesPerEpoch(run.train.count, run.settings.batchSize, run.settings.lastBatch),
    };
    const loop = async () => {
      let epoch = run.start.epoch;
      for (; epoch < run.settings.epochs && !stop(); epoch += 1) {
        const outcome = await runEpoch(context, epoch, epoch === run.start.epoch ? run.start : undefined);
        if ('stoppedAt' in outcome) {
          await checkpoint({ ...outcome.stoppedAt, history }, epoch);
          break;
        }
        history.push(outcome.done);
        subscriber.next(outcome.done);
        await checkpoint({ epoch: epoch + 1, stepInEpoch: 0, history }, epoch);
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
      .then(
        () => subscriber.complete(),
        (error: unknown) => {
          if (error instanceof TrainingDiverged) subscriber.next({ type: 'run-failed', message: error.message });
          subscriber.error(error);
        },
      );
    return () => {
      unsubscribed = true;
    };
  });
