import type { Schedule } from './schedule.ts';

/**
 * `lr`, multiplied by `factor` at each milestone epoch reached: at epoch e the rate is
 * lr * factor^(number of milestones <= e). Changes happen at epoch boundaries, as in neon.
 */
export const multiStep =
  (lr: number, milestones: ReadonlyArray<number>, factor = 0.1): Schedule =>
  (epoch) =>
    lr * factor ** milestones.filter((m) => m <= Math.floor(epoch)).length;

/** neon's cifar10_msra schedule: 0.1, x0.1 at epochs 90 and 135 (0-indexed), for 180 epochs. */
export const neonStep: Schedule = multiStep(0.1, [90, 135], 0.1);
