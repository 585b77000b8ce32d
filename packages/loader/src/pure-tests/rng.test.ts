import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { epochSeed32, uniformInt } from '../pure/rng.ts';

describe('uniformInt', () => {
  it('stays in [0, n) and is uniform over 9 crop offsets (chi-square, fixed seed)', () => {
    const rng = xoroshiro128plus(2024);
    const counts = new Array<number>(9).fill(0);
    const draws = 90_000;
    for (let i = 0; i < draws; i++) counts[uniformInt(rng, 9)]!++;
    const expected = draws / 9;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(chi2).toBeLessThan(26.1); // p = 0.001 for 8 degrees of freedom
  });

  it('rejects the biased top of the range (n = 3 * 2^30 would favour 0..2^30 under plain modulo)', () => {
    const rng = xoroshiro128plus(7);
    const n = 3 * 2 ** 30;
    let low = 0;
    const draws = 30_000;
    for (let i = 0; i < draws; i++) if (uniformInt(rng, n) < 2 ** 30) low++;
    expect(low / draws).toBeGreaterThan(0.32);
    expect(low / draws).toBeLessThan(0.35); // plain modulo would give 0.5
  });
});

describe('epochSeed32', () => {
  it('gives every epoch of a seed its own generator seed, and neighbouring seeds differ', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, e) => epochSeed32(42, e)));
    expect(seeds.size).toBe(1000);
    expect(epochSeed32(1, 0)).not.toBe(epochSeed32(2, 0));
    expect(epochSeed32(2 ** 40 + 1, 0)).not.toBe(epochSeed32(1, 0));
  });
});
