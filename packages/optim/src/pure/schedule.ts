/**
 * Where training is: `epoch` counts from 0; `step`, when given, places the update inside that epoch.
 * `stepInEpoch` counts from 0 and is below `stepsPerEpoch`.
 */
export interface StepInEpoch {
  readonly stepInEpoch: number;
  readonly stepsPerEpoch: number;
}

/**
 * A learning-rate schedule: a pure function of the training position. Epoch-based schedules
 * (multi-step) read only `epoch`; continuous ones (cosine, one-cycle) read the fractional epoch
 * `epoch + stepInEpoch / stepsPerEpoch`; step-count warm-ups need `step` (see `globalStep`).
 */
export type Schedule = (epoch: number, step?: StepInEpoch) => number;

/** Fractional epoch: 90.5 is half-way through epoch 90. Without `step`, the start of the epoch. */
export const epochProgress = (epoch: number, step?: StepInEpoch): number =>
  step === undefined ? epoch : epoch + step.stepInEpoch / step.stepsPerEpoch;

/**
 * Updates done before this one. A step-count warm-up cannot guess it from the epoch alone (the
 * number of steps per epoch depends on the data set and batch size), so calling it without `step`
 * is a bug in the caller and throws; the training loop always knows the step.
 */
export const globalStep = (epoch: number, step: StepInEpoch | undefined, who: string): number => {
  if (step === undefined) {
    throw new RangeError(`${who} counts steps: call the schedule as (epoch, { stepInEpoch, stepsPerEpoch })`);
  }
  return epoch * step.stepsPerEpoch + step.stepInEpoch;
};
