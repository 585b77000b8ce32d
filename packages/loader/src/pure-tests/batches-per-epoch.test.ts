import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchesPerEpoch, batchSizeAt } from '../pure/batches-per-epoch.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('batchesPerEpoch', () => {
  it("is neon's 391 for 50,000 images in batches of 128 with wrap (the default)", () => {
    expect(batchesPerEpoch(50_000, 128, 'wrap')).toBe(391);
    expect(batchesPerEpoch(50_000)).toBe(391);
    expect(batchesPerEpoch(48_000, 128, 'wrap')).toBe(375);
  });

  it('drops or keeps the tail, and partial batches add up to the count', () => {
    expect(batchesPerEpoch(50_000, 128, 'drop')).toBe(390);
    expect(batchesPerEpoch(50_000, 128, 'partial')).toBe(391);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 300 }), (n, b) => {
        const steps = batchesPerEpoch(n, b, 'partial');
        const sizes = Array.from({ length: steps }, (_, s) => batchSizeAt(n, b, 'partial', s));
        expect(sizes.reduce((x, y) => x + y, 0)).toBe(n);
        expect(sizes.every((s) => s > 0 && s <= b)).toBe(true);
        expect(batchesPerEpoch(n, b, 'drop') * b).toBeLessThanOrEqual(n);
      }),
      { seed: testSeed('partial batches') },
    );
  });
});
