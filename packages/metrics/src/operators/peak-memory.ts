import {
  asyncScheduler, concat, connect, endWith, ignoreElements, interval, map, of, type OperatorFunction,
  reduce, type SchedulerLike, takeUntil,
} from 'rxjs';
import { type MemoryFigures, peakMemory } from '../pure/memory-figures.ts';

/**
 * The peak of each memory figure while the source runs (an epoch's steps, say): the probe
 * is read when the source starts, every `periodMs`, and once more when it completes. The
 * source's values pass through nowhere: this emits one MemoryFigures on completion.
 */
export const peakMemoryDuring = <T>(
  probe: () => MemoryFigures,
  periodMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<T, MemoryFigures> =>
  connect((shared) => {
    const ended = shared.pipe(ignoreElements(), endWith(true));
    const ticks = concat(of(0), interval(periodMs, scheduler)).pipe(takeUntil(ended));
    return concat(ticks, of(0)).pipe(
      map(() => probe()),
      reduce(peakMemory),
    );
  });
