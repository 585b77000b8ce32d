import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { batchRequested, resultsRead } from '../pure/epoch-timing.ts';
import { secondsPerEpoch } from './seconds-per-epoch.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('secondsPerEpoch (marbles, virtual time)', () => {
  it('runs from the first batch request to the read-back, ignoring later requests', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const marks = cold('a 999ms b 3999ms c 99ms d 1999ms e', {
        a: batchRequested(0),
        b: batchRequested(0),
        c: resultsRead(0, 640),
        d: batchRequested(1),
        e: resultsRead(1, 640),
      });
      expectObservable(marks.pipe(secondsPerEpoch())).toBe('5000ms c 2099ms e', {
        c: { epoch: 0, seconds: 5, images: 640, imagesPerSecond: 128 },
        e: { epoch: 1, seconds: 2, images: 640, imagesPerSecond: 320 },
      });
    });
  });

  it('times nothing for a read-back with no request in its epoch', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const marks = cold('a 9ms b|', { a: batchRequested(0), b: resultsRead(1, 10) });
      expectObservable(marks.pipe(secondsPerEpoch())).toBe('11ms |');
    });
  });
});
