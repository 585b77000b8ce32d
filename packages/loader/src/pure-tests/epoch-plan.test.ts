import * as E from 'fp-ts/lib/Either.js';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { epochPlan } from '../pure/epoch-plan.ts';
import { decodeLoaderOptions, type LoaderOptions, type ResolvedOptions } from '../pure/loader-options.ts';

const resolved = (o: LoaderOptions): ResolvedOptions => {
  const r = decodeLoaderOptions(o);
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};

describe('epochPlan', () => {
  it('wraps the last batch around to the start of the same permutation', () => {
    const plan = epochPlan(xoroshiro128plus(5), 10, resolved({ seed: 5, epoch: 0, mode: 'train', batchSize: 4 }));
    expect(plan.batches).toBe(3);
    expect(plan.order.length).toBe(12);
    expect(Array.from(plan.order.subarray(10))).toEqual(Array.from(plan.order.subarray(0, 2)));
    expect(new Set(plan.order.subarray(0, 10)).size).toBe(10);
  });

  it('evaluates in record order with centre crops and no flips, and drops or keeps the tail', () => {
    const ev = epochPlan(xoroshiro128plus(5), 10, resolved({ seed: 5, epoch: 0, mode: 'eval', batchSize: 4, lastBatch: 'partial' }));
    expect(Array.from(ev.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ev.cropX.every((v) => v === 4) && ev.cropY.every((v) => v === 4) && ev.flip.every((v) => v === 0)).toBe(true);
    const dropped = epochPlan(xoroshiro128plus(5), 10, resolved({ seed: 5, epoch: 0, mode: 'train', batchSize: 4, lastBatch: 'drop' }));
    expect([dropped.batches, dropped.order.length]).toEqual([2, 8]);
  });
});
