import * as O from 'fp-ts/lib/Option.js';
import { imagesPerSecondOf } from './throughput.ts';

/**
 * What the training loop marks in an epoch. Seconds per epoch run from the first batch
 * request to the last result read back: the one explicit sync point of the epoch, so queued
 * device work is counted and no per-step read stalls the device.
 */
export type EpochMark =
  | { readonly _tag: 'BatchRequested'; readonly epoch: number }
  | { readonly _tag: 'ResultsRead'; readonly epoch: number; readonly images: number };

export const batchRequested = (epoch: number): EpochMark => ({ _tag: 'BatchRequested', epoch });
export const resultsRead = (epoch: number, images: number): EpochMark => ({ _tag: 'ResultsRead', epoch, images });

export interface EpochTiming {
  readonly epoch: number;
  readonly seconds: number;
  readonly images: number;
  /** NaN when the epoch took no measurable time. */
  readonly imagesPerSecond: number;
}

export interface EpochClock {
  /** Epoch and start time (ms) of the epoch being timed, if any. */
  readonly open: O.Option<{ readonly epoch: number; readonly startMs: number }>;
  /** The epoch this mark completed, if it completed one. */
  readonly done: O.Option<EpochTiming>;
}

export const idleClock: EpochClock = { open: O.none, done: O.none };

const finish = (epoch: number, startMs: number, endMs: number, images: number): EpochTiming => {
  const seconds = (endMs - startMs) / 1000;
  return { epoch, seconds, images, imagesPerSecond: O.getOrElse(() => Number.NaN)(imagesPerSecondOf(images, seconds)) };
};

/**
 * Later requests in the same epoch do not restart it; a result without a request for its
 * epoch times nothing (there is no honest start to measure from).
 */
export const tickClock = (clock: EpochClock, mark: EpochMark, nowMs: number): EpochClock => {
  const open = O.toUndefined(clock.open);
  if (mark._tag === 'BatchRequested') {
    return open !== undefined && open.epoch === mark.epoch
      ? { open: clock.open, done: O.none }
      : { open: O.some({ epoch: mark.epoch, startMs: nowMs }), done: O.none };
  }
  return open !== undefined && open.epoch === mark.epoch
    ? { open: O.none, done: O.some(finish(mark.epoch, open.startMs, nowMs, mark.images)) }
    : { open: clock.open, done: O.none };
};
