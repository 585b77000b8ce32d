import { describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import { IMAGE_BYTES } from './pure/split.ts';
import { channelMean, readCifarBins, TEST_FILES, TRAIN_FILES } from './test-support/cifar-bin.ts';

/** First p where got[p] differs from float32(original[from + p] - mean[channel]), or -1. */
const firstDifference = (got: Float32Array, original: Uint8Array, from: number, mean: readonly number[]): number => {
  const expected = new Float32Array(1);
  for (let p = 0; p < got.length; p++) {
    expected[0] = original[from + p]! - mean[p % 3]!;
    if (got[p] !== expected[0]) return p;
  }
  return -1;
};

describe('evaluation batches', () => {
  it('are the original test images minus the training mean, exactly, in record order', async () => {
    const mean = channelMean((await readCifarBins(TRAIN_FILES.slice(0, 1))).images);
    const split = await readCifarBins(TEST_FILES, mean);
    let next = 0;
    for await (const b of epochBatchIterator(split, { seed: 0, epoch: 0, mode: 'eval', lastBatch: 'partial' })) {
      expect(Array.from(b.indices)).toEqual(Array.from({ length: b.size }, (_, k) => next + k));
      expect(Array.from(b.labels)).toEqual(Array.from(split.labels.subarray(next, next + b.size)));
      expect(firstDifference(b.images, split.images, next * IMAGE_BYTES, mean), `batch ${b.step}`).toBe(-1);
      next += b.size;
    }
    expect(next).toBe(10_000);
  });
});
