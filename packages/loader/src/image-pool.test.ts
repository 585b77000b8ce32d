import { describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import { createImagePool } from './image-pool.ts';
import { onWorkersOnly } from './test-support/on-workers.ts';
import { randomSplit } from './test-support/random-split.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('ImagePool', () => {
  it('hands back a given buffer of the same length, and never a view or beyond capacity', () => {
    const pool = createImagePool(1);
    const a = pool.take(6);
    pool.give(a);
    expect(pool.take(6)).toBe(a);
    pool.give(new Float32Array(12).subarray(0, 6));
    pool.give(a);
    pool.give(new Float32Array(6));
    expect(pool.take(6)).toBe(a);
    expect(pool.take(6)).not.toBe(a);
  });

  for (const workers of [0, 1]) {
    it(`gives the same bytes when the consumer recycles every batch (workers: ${workers})`, async () => {
      const split = randomSplit(testSeed('ImagePool'), 500);
      const options = { seed: 9, epoch: 1, mode: 'train', batchSize: 50, workers } as const;
      const fresh: Buffer[] = [];
      for await (const b of epochBatchIterator(split, options)) fresh.push(Buffer.from(b.images.buffer));
      const pool = createImagePool();
      let step = 0;
      const pooled = workers === 0 ? epochBatchIterator(split, options, { pool }) : onWorkersOnly(split, options, pool);
      for await (const b of pooled) {
        expect(Buffer.from(b.images.buffer).equals(fresh[step++]!), `step ${b.step}`).toBe(true);
        pool.give(b.images);
      }
      expect(step).toBe(10);
    });
  }
});
