import type { DeviceSums } from './device-sums.ts';

/**
 * The loss became NaN or infinite: the run stops at once, and nothing computed after that is
 * written (no checkpoint, no model), so the last good checkpoint stays as it was.
 */
export class TrainingDiverged extends Error {
  override readonly name = 'TrainingDiverged';
}

export const divergedInTraining = (epoch: number, step: number, lr: number): TrainingDiverged =>
  new TrainingDiverged(
    `the training loss became NaN or infinite at epoch ${epoch}, step ${step} (learning rate ${lr}): ` +
      'the learning rate is most likely too high (lower --lr, or a schedule with a warm-up)',
  );

export const divergedInValidation = (epoch: number): TrainingDiverged =>
  new TrainingDiverged(
    `the validation loss after epoch ${epoch} is NaN or infinite although training stayed finite: ` +
      'the batch-norm running statistics overflowed; the learning rate is most likely too high',
  );

/**
 * Reads the device's note of the first non-finite step at most once per `periodMs`: a diverged
 * epoch stops within about that long, at the cost of one small read-back a period, not one a step.
 */
export const divergenceWatch = (sums: DeviceSums, now: () => number, periodMs = 1000) => {
  let lastRead = now();
  let diverged = false;
  return {
    afterStep: async (): Promise<void> => {
      if (diverged || now() - lastRead < periodMs) return;
      diverged = (await sums.read()).nonFiniteStep !== undefined;
      lastRead = now();
    },
    diverged: (): boolean => diverged,
  };
};
