import { rm } from 'node:fs/promises';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import { openSplit } from './open-split.ts';
import { prepareEpoch, type PreparedEpoch } from './prepare-epoch.ts';
import type { Batch } from './pure/batch.ts';
import { cropImage, flipImage, padImage, subtractMeanImage } from './pure/image-stages.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import { IMAGE_BYTES, type Split } from './pure/split.ts';
import { readCifarBins, TEST_FILES } from './test-support/cifar-bin.ts';
import { realRepository } from './test-support/repository.ts';

const OPTIONS: LoaderOptions = { seed: 2015, epoch: 7, mode: 'train' };

const orThrow = <A>(r: E.Either<string, A>): A => E.getOrElseW((m: string) => { throw new Error(m); })(r);

/** First p where got[p] differs from float32(original[from + p] - mean[channel]), or -1. */
const firstDifference = (got: Float32Array, original: Uint8Array, from: number, mean: readonly number[]): number => {
  const expected = new Float32Array(1);
  for (let p = 0; p < got.length; p++) {
    expected[0] = original[from + p]! - mean[p % 3]!;
    if (got[p] !== expected[0]) return p;
  }
  return -1;
};

describe('the real CIFAR-10 (48,000 training, 10,000 test images) through a written record repository', () => {
  let repo: string;
  let split: Split;
  let plan: PreparedEpoch['plan'];
  const batches: Batch[] = [];
  beforeAll(async () => {
    repo = await realRepository();
    split = orThrow(await openSplit(repo, 'train')());
    plan = orThrow(prepareEpoch(split, OPTIONS)).plan;
    for await (const b of epochBatchIterator(split, { ...OPTIONS, workers: 1 })) batches.push(b);
  });
  afterAll(() => rm(path.dirname(repo), { recursive: true, force: true }));

  it('shows every image exactly once, except the wrapped tail which repeats the first slots', () => {
    expect(batches.length).toBe(375); // 48,000 / 128: no tail to wrap here
    const seen = new Uint8Array(split.count);
    for (const b of batches) for (const i of b.indices) seen[i]!++;
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(batches.map((b) => b.step)).toEqual(Array.from({ length: 375 }, (_, s) => s));
  });

  it('wraps a 1,000-image pass in batches of 128 with the first 24 images of the permutation', async () => {
    const seen = new Uint8Array(1000);
    const order: number[] = [];
    for await (const b of epochBatchIterator(split, { ...OPTIONS, limit: 1000 })) {
      for (const i of b.indices) (seen[i]!++, order.push(i));
    }
    expect(order.length).toBe(8 * 128);
    expect(order.slice(1000)).toEqual(order.slice(0, 24));
    expect(Array.from(seen).filter((n) => n === 2).length).toBe(24);
    expect(Array.from(seen).every((n) => n === 1 || n === 2)).toBe(true);
  });

  it('draws crop offsets over all of 0..8 about uniformly and flips about half the images', () => {
    for (const offsets of [plan.cropX, plan.cropY]) {
      const counts = new Array<number>(9).fill(0);
      for (const v of offsets) counts[v]!++;
      const expected = offsets.length / 9;
      const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      expect(counts.every((c) => c > 0)).toBe(true);
      expect(chi2).toBeLessThan(26.1); // p = 0.001, 8 degrees of freedom
    }
    const flipped = plan.flip.reduce((s, f) => s + f, 0) / plan.flip.length;
    expect(Math.abs(flipped - 0.5)).toBeLessThan(0.01); // 4 standard deviations at n = 48,000
  });

  it('emits exactly the planned crop and flip of each image (first 256 slots, via the separate stages)', () => {
    for (let slot = 0; slot < 256; slot++) {
      const b = batches[Math.floor(slot / 128)]!;
      const k = slot % 128;
      const i = b.indices[k]!;
      const crop = cropImage(padImage(split.images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES), 'mean'), plan.cropX[slot]!, plan.cropY[slot]!);
      const expected = subtractMeanImage(plan.flip[slot] === 1 ? flipImage(crop) : crop, split.mean);
      const got = b.images.subarray(k * IMAGE_BYTES, (k + 1) * IMAGE_BYTES);
      let differs = -1;
      for (let p = 0; p < got.length && differs < 0; p++) if (got[p] !== expected[p]) differs = p;
      expect(differs, `slot ${slot}`).toBe(-1);
    }
  });

  it('evaluates the test images minus the training mean, exactly, in record order', async () => {
    const test = orThrow(await openSplit(repo, 'test')());
    const original = await readCifarBins(TEST_FILES);
    let next = 0;
    for await (const b of epochBatchIterator(test, { seed: 0, epoch: 0, mode: 'eval', lastBatch: 'partial' })) {
      expect(Array.from(b.indices)).toEqual(Array.from({ length: b.size }, (_, k) => next + k));
      expect(Array.from(b.labels)).toEqual(Array.from(original.labels.subarray(next, next + b.size)));
      expect(firstDifference(b.images, original.images, next * IMAGE_BYTES, split.mean), `batch ${b.step}`).toBe(-1);
      next += b.size;
    }
    expect(next).toBe(10_000);
  });
});
