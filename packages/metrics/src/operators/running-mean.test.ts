import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { step } from '../pure-tests/sample-events.ts';
import type { StepDone } from '../pure/train-event.ts';
import { runningMean } from './running-mean.ts';

describe('runningMean', () => {
  it('emits the mean so far after each value', async () => {
    const means = await lastValueFrom(from([2, 4, 9, 1]).pipe(runningMean((x) => x), toArray()));
    expect(means).toEqual([2, 3, 5, 4]);
  });

  it('skips steps whose loss was not read back, and weights by images', async () => {
    const steps: StepDone[] = [
      step(0, 0, { loss: 2, images: 128 }),
      step(0, 1),
      step(0, 2, { loss: 1, images: 64 }),
    ];
    const means = await lastValueFrom(
      from(steps).pipe(runningMean((s) => s.loss, (s) => s.images), toArray()),
    );
    expect(means).toEqual([2, (2 * 128 + 1 * 64) / 192]);
  });
});
