import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { memory } from '../pure-tests/sample-events.ts';
import { peakMemoryDuring } from './peak-memory.ts';

describe('peakMemoryDuring (marbles)', () => {
  it('samples at start, every period and at the end, and reports each figure\'s peak', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      // RSS rises then falls; the GPU figure appears only in the sample at 20 ms
      const rssAt = (ms: number) => 1000 + (ms <= 20 ? ms : 40 - ms);
      const samples: number[] = [];
      const probe = () => {
        const now = scheduler.now();
        samples.push(now);
        return memory(rssAt(now), now === 20 ? 512 : undefined);
      };
      const steps = cold('-a-----b-----c-----d------|');
      expectObservable(steps.pipe(peakMemoryDuring(probe, 10, scheduler))).toBe('--------------------------(p|)', {
        p: memory(1020, 512),
      });
      scheduler.flush();
      expect(samples).toEqual([0, 10, 20, 26]);
    });
  });
});
