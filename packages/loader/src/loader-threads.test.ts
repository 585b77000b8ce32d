import { afterAll, describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import { createLoaderThreads } from './loader-threads.ts';
import type { Batch } from './pure/batch.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import { randomSplit } from './test-support/random-split.ts';
import { testSeed } from '@resnet-cifar/test-support';

const bytes = async (batches: AsyncIterable<Batch>): Promise<Buffer[]> => {
  const out: Buffer[] = [];
  for await (const b of batches) out.push(Buffer.from(b.images.buffer));
  return out;
};

describe('LoaderThreads shared by several epochs', () => {
  const threads = createLoaderThreads(2);
  afterAll(() => threads.close());

  it('serve epoch after epoch with the calling thread\'s bytes, also after an epoch was abandoned', async () => {
    await threads.ready;
    const split = randomSplit(testSeed('LoaderThreads'), 400);
    const options = (epoch: number): LoaderOptions => ({ seed: 5, epoch, mode: 'train', batchSize: 40 });
    // Abandon an epoch with batches in flight: their late results must not leak into the next.
    for await (const _ of epochBatchIterator(split, options(0), { threads })) break;
    for (const epoch of [1, 2]) {
      const shared = await bytes(epochBatchIterator(split, options(epoch), { threads }));
      const local = await bytes(epochBatchIterator(split, options(epoch)));
      expect(shared.length).toBe(10);
      expect(shared.every((b, i) => b.equals(local[i]!))).toBe(true);
    }
    expect(threads.booted.length).toBe(2);
  });
});
