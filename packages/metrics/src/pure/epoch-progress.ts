import * as O from 'fp-ts/lib/Option.js';
import { addSample, emptyMean, meanValue, type RunningMean } from './running-mean.ts';
import { imagesPerSecondOf } from './throughput.ts';
import type { StepDone } from './train-event.ts';

/** Where an epoch stands after its latest step event, for a progress bar or a log line. */
export interface EpochProgress {
  readonly epoch: number;
  /** Steps done in this epoch (the last step index seen + 1). */
  readonly steps: number;
  readonly stepsPerEpoch: number;
  readonly images: number;
  readonly lr: number;
  /** Running means over the steps whose figures have been read back; none before the first. */
  readonly loss: O.Option<number>;
  readonly error: O.Option<number>;
  /** Images after the first step over the time since it, so start-up cost is not averaged in. */
  readonly imagesPerSecond: O.Option<number>;
  readonly timeMs: number;
}

export interface ProgressState {
  readonly progress: EpochProgress;
  readonly firstStepMs: number;
  readonly imagesSinceFirst: number;
  readonly loss: RunningMean;
  readonly error: RunningMean;
  /** Highest step whose loss or error was counted: a step's figures count once, even if re-sent. */
  readonly lastCounted: number;
}

const fresh = (step: StepDone): ProgressState => ({
  progress: {
    epoch: step.epoch, steps: 0, stepsPerEpoch: step.stepsPerEpoch, images: 0, lr: step.lr,
    loss: O.none, error: O.none, imagesPerSecond: O.none, timeMs: step.time,
  },
  firstStepMs: step.time,
  imagesSinceFirst: -step.images,
  loss: emptyMean,
  error: emptyMean,
  lastCounted: -1,
});

const count = (mean: RunningMean, value: number | undefined, weight: number, isNew: boolean): RunningMean =>
  value === undefined || !isNew ? mean : addSample(value, weight)(mean);

/**
 * Folds one step into its epoch's progress; a step of another epoch starts afresh. Loss and
 * error may be absent (read back once per epoch) or arrive late in a burst: each step's
 * figures are counted once, weighted by its images.
 */
export const advanceProgress = (state: ProgressState | undefined, step: StepDone): ProgressState => {
  const base = state === undefined || state.progress.epoch !== step.epoch ? fresh(step) : state;
  const hasFigures = step.loss !== undefined || step.batchError !== undefined;
  const isNew = hasFigures && step.step > base.lastCounted;
  const loss = count(base.loss, step.loss, step.images, isNew);
  const error = count(base.error, step.batchError, step.images, isNew);
  const later = step.step + 1 > base.progress.steps;
  const sinceFirst = base.imagesSinceFirst + (later ? step.images : 0);
  const timeMs = Math.max(base.progress.timeMs, step.time);
  return {
    progress: {
      epoch: step.epoch,
      steps: Math.max(base.progress.steps, step.step + 1),
      stepsPerEpoch: step.stepsPerEpoch,
      images: base.progress.images + (later ? step.images : 0),
      lr: later ? step.lr : base.progress.lr,
      loss: meanValue(loss),
      error: meanValue(error),
      imagesPerSecond: imagesPerSecondOf(Math.max(0, sinceFirst), (timeMs - base.firstStepMs) / 1000),
      timeMs,
    },
    firstStepMs: base.firstStepMs,
    imagesSinceFirst: sinceFirst,
    loss,
    error,
    lastCounted: isNew ? step.step : base.lastCounted,
  };
};
