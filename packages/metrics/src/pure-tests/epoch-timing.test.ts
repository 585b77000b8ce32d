import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import { batchRequested, type EpochClock, type EpochMark, idleClock, resultsRead, tickClock } from '../pure/epoch-timing.ts';

const run = (marks: ReadonlyArray<readonly [EpochMark, number]>): ReadonlyArray<EpochClock> =>
  marks.reduce<EpochClock[]>((clocks, [mark, at]) => [...clocks, tickClock(clocks.at(-1) ?? idleClock, mark, at)], []);

describe('epoch clock', () => {
  it('times an epoch from its first batch request to its results read back', () => {
    const clocks = run([
      [batchRequested(0), 1000],
      [batchRequested(0), 1500],
      [resultsRead(0, 640), 6000],
    ]);
    expect(clocks.at(-1)?.done).toEqual(O.some({ epoch: 0, seconds: 5, images: 640, imagesPerSecond: 128 }));
    expect(clocks.slice(0, 2).every((c) => O.isNone(c.done))).toBe(true);
  });

  it('does not time a read without a request for that epoch', () => {
    const clocks = run([
      [batchRequested(0), 0],
      [resultsRead(1, 100), 10],
    ]);
    expect(clocks.at(-1)?.done).toEqual(O.none);
  });

  it('reports no rate for an epoch that took no time', () => {
    const clocks = run([
      [batchRequested(2), 7],
      [resultsRead(2, 100), 7],
    ]);
    expect(O.toUndefined(clocks.at(-1)!.done)?.imagesPerSecond).toBeNaN();
  });
});
