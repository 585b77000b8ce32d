import { describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import type { Batch } from './pure/batch.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';
import { onWorkersOnly } from './test-support/on-workers.ts';
import { randomSplit } from './test-support/random-split.ts';
import { testSeed } from '@resnet-cifar/test-support';

const drain = async (batches: AsyncIterable<Batch>): Promise<Batch[]> => {
  const out: Batch[] = [];
  for await (const b of batches) out.push(b);
  return out;
};
const collect = (split: Split, options: LoaderOptions) => drain(epochBatchIterator(split, options));
const bytesOf = (batches: readonly Batch[]) => batches.map((b) => Buffer.from(b.images.buffer, b.images.byteOffset, b.images.byteLength));
const same = (a: readonly Batch[], b: readonly Batch[]) =>
  a.length === b.length && bytesOf(a).every((x, i) => x.equals(bytesOf(b)[i]!));

describe('epochBatchIterator', () => {
  const split = randomSplit(testSeed('epochBatchIterator'), 300);
  const train = { seed: 11, epoch: 3, mode: 'train', batchSize: 64 } as const;

  it('gives bit-identical batches for the same (seed, epoch), on the calling thread, on workers, and mixed', async () => {
    const a = await collect(split, train);
    const b = await collect(split, train);
    const onWorker = await drain(onWorkersOnly(split, { ...train, workers: 1 }));
    const mixed = await collect(split, { ...train, workers: 2 }); // calling thread until the workers boot
    expect(a.map((x) => x.step)).toEqual([0, 1, 2, 3, 4]);
    expect(same(a, b)).toBe(true);
    expect(same(a, onWorker)).toBe(true);
    expect(same(a, mixed)).toBe(true);
    expect(onWorker.map((x) => Array.from(x.indices))).toEqual(a.map((x) => Array.from(x.indices)));
  });

  it('reshuffles and re-augments for another epoch or seed', async () => {
    const a = await collect(split, train);
    const next = await collect(split, { ...train, epoch: 4 });
    const other = await collect(split, { ...train, seed: 12 });
    expect(Array.from(next[0]!.indices)).not.toEqual(Array.from(a[0]!.indices));
    expect(Array.from(other[0]!.indices)).not.toEqual(Array.from(a[0]!.indices));
  });

  it('labels every slot with its record and keeps the partial tail when asked', async () => {
    const batches = await collect(split, { ...train, lastBatch: 'partial' });
    expect(batches.map((b) => b.size)).toEqual([64, 64, 64, 64, 44]);
    for (const b of batches) {
      expect(Array.from(b.labels)).toEqual(Array.from(b.indices, (i) => split.labels[i]));
      expect(b.images.length).toBe(b.size * 3072);
    }
  });

  it('uses only the first `limit` records', async () => {
    const batches = await collect(split, { ...train, limit: 100, lastBatch: 'drop' });
    expect(batches.length).toBe(1);
    expect(Math.max(...batches[0]!.indices)).toBeLessThan(100);
  });

  const bad: ReadonlyArray<readonly [string, Split, unknown, RegExp]> = [
    ['batch size 0', split, { ...train, batchSize: 0 }, /batchSize must be PositiveInt/],
    ['batch size beyond the split', split, { ...train, batchSize: 301 }, /batch size 301 is larger than the split's 300 records/],
    ['a non-integer seed', split, { ...train, seed: 0.5 }, /seed must be SafeInt/],
    ['truncated images', { ...split, images: split.images.subarray(0, 3072 * 299) }, train, /expected 300 x 3072/],
    ['a label outside 0..9', { ...split, labels: Uint8Array.from(split.labels, (l, i) => (i === 7 ? 10 : l)) }, train, /label 10 at record 7/],
  ];
  for (const [what, s, options, message] of bad) {
    it(`rejects ${what} with one line before any batch`, async () => {
      const it = epochBatchIterator(s, options as LoaderOptions);
      const first = it.next();
      await expect(first).rejects.toThrow(message);
      await first.catch((e: Error) => expect(e.message).not.toContain('\n'));
    });
  }

  it('stops its worker when the consumer breaks out early', async () => {
    let seen = 0;
    for await (const b of epochBatchIterator(split, { ...train, workers: 1 })) {
      seen += b.size;
      break;
    }
    expect(seen).toBe(64);
  });
});
