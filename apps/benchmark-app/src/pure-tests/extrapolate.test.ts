import { describe, expect, it } from 'vitest';
import { imagesPerSecond, NEON_EPOCH_IMAGES, secondsPerEpoch, stepsPerEpoch } from '../pure/extrapolate.ts';
import { median, relativeSpread, stepSecondsOf } from '../pure/step-statistics.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

describe('extrapolation to an epoch', () => {
  it("uses neon's epoch: 391 steps of 128 over 50,000 images, the last one wrapping", () => {
    expect(NEON_EPOCH_IMAGES).toBe(50_000);
    expect(stepsPerEpoch(50_000, 128)).toBe(391);
    expect(secondsPerEpoch(5, 128)).toBe(5 * 391);
  });

  it("gives this repository's 48,000 images 375 steps of 128", () => {
    expect(stepsPerEpoch(48_000, 128)).toBe(375);
    expect(secondsPerEpoch(2, 128, 48_000)).toBe(750);
  });

  it('scales with the batch size: fewer, longer steps for larger batches', () => {
    const next = seededRandom(testSeed('extrapolate batch'));
    const step = 0.5 + next() * 10;
    expect(secondsPerEpoch(step, 256)).toBeCloseTo(step * 196, 9);
    expect(secondsPerEpoch(step, 64)).toBeCloseTo(step * 782, 9);
    expect(imagesPerSecond(step, 128)).toBeCloseTo(128 / step, 9);
  });
});

describe('step statistics', () => {
  it('takes the middle of an odd window and the mean of the two middles of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('is not moved by one slow step (a page fault, another process)', () => {
    const next = seededRandom(testSeed('median outlier'));
    const typical = 1 + next();
    expect(median([typical, typical * 1.01, typical * 50])).toBeCloseTo(typical * 1.01, 9);
    expect(relativeSpread([typical, typical * 1.01, typical * 50])).toBeGreaterThan(40);
  });

  it('turns a window start and step-end stamps into per-step seconds', () => {
    expect(stepSecondsOf(1000, [3000, 3500, 7500])).toEqual([2, 0.5, 4]);
  });
});
