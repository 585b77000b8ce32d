import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { permutation } from '../pure/shuffle.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('permutation', () => {
  it('is a permutation of 0..n-1, replayable from the same generator state', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 500 }), (seed, n) => {
        const p = permutation(xoroshiro128plus(seed), n);
        expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(permutation(xoroshiro128plus(seed), n)).toEqual(p);
      }),
      { seed: testSeed('permutation') },
    );
  });

  it('puts each element in each position about equally often (n = 4, 24k draws)', () => {
    const rng = xoroshiro128plus(99);
    const first = [0, 0, 0, 0];
    for (let i = 0; i < 24_000; i++) first[permutation(rng, 4)[0]!]!++;
    for (const c of first) expect(Math.abs(c - 6000)).toBeLessThan(300);
  });
});
