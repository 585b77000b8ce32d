import { asyncScheduler, filter, map, type OperatorFunction, pipe, type SchedulerLike, scan, timestamp } from 'rxjs';
import * as O from 'fp-ts/lib/Option.js';
import { type EpochClock, type EpochMark, type EpochTiming, idleClock, tickClock } from '../pure/epoch-timing.ts';

/**
 * Times epochs from the marks the loop sends: the first batch request starts the clock and
 * the epoch's one read-back (its sync point) stops it. The scheduler's clock is used, so
 * tests can run it on virtual time.
 */
export const secondsPerEpoch = (scheduler: SchedulerLike = asyncScheduler): OperatorFunction<EpochMark, EpochTiming> =>
  pipe(
    timestamp(scheduler),
    scan((clock: EpochClock, { value, timestamp: at }) => tickClock(clock, value, at), idleClock),
    map((clock) => clock.done),
    filter(O.isSome),
    map((done) => done.value),
  );
