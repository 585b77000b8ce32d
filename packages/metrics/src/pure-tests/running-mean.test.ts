import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import { addSample, emptyMean, meanValue } from '../pure/running-mean.ts';

describe('running mean', () => {
  it('weights each sample by its weight (a partial batch counts for the images it holds)', () => {
    const mean = addSample(4, 32)(addSample(1, 128)(emptyMean));
    expect(meanValue(mean)).toEqual(O.some((1 * 128 + 4 * 32) / 160));
  });

  it('has no value before its first sample', () => {
    expect(meanValue(emptyMean)).toEqual(O.none);
  });
});
