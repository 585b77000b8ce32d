import type { Schedule } from './schedule.ts';

/** The same learning rate at every position. */
export const constant =
  (lr: number): Schedule =>
  () =>
    lr;
