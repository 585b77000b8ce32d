import { describe, expect, it } from 'vitest';
import { nonZeroValues, seededRandom, testSeed } from './index.ts';

describe('testSeed', () => {
  it('replays TEST_SEED exactly', () => {
    expect(testSeed('replay', { TEST_SEED: '859783055' })).toBe(859783055);
  });

  it('draws a fresh seed in 1..2^31-1 when TEST_SEED is unset or empty', () => {
    const seeds = [testSeed('fresh', {}), testSeed('fresh', { TEST_SEED: '' }), testSeed('fresh', {})];
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 1 && seed <= 2 ** 31 - 1).toBe(true);
  });

  it.each(['abc', '0', '-3', '1.5', String(2 ** 31)])('refuses TEST_SEED=%s rather than silently drawing another seed', (value) => {
    expect(() => testSeed('bad', { TEST_SEED: value })).toThrow(`TEST_SEED='${value}' is not a seed`);
  });
});

describe('seededRandom', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in [0, 1) and fills it evenly', () => {
    const next = seededRandom(7);
    const values = Array.from({ length: 10_000 }, next);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('nonZeroValues never gives a magnitude below 0.05 or above 1, and gives both signs', () => {
    const values = nonZeroValues(seededRandom(11), 1000);
    expect(values.every((v) => Math.abs(v) >= 0.05 - 1e-7 && Math.abs(v) <= 1)).toBe(true);
    expect(values.some((v) => v < 0) && values.some((v) => v > 0)).toBe(true);
  });
});
