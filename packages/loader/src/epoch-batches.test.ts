import { firstValueFrom, lastValueFrom, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { epochBatches } from './epoch-batches.ts';
import { randomSplit } from './test-support/random-split.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('epochBatches (the epoch as a cold Observable)', () => {
  const split = randomSplit(testSeed('epochBatches'), 256);
  const options = { seed: 3, epoch: 1, mode: 'train', batchSize: 64 } as const;

  it('runs a fresh, identical epoch for each subscription', async () => {
    const epoch$ = epochBatches(split, options).pipe(map((b) => Buffer.from(b.images.buffer)), toArray());
    const [a, b] = await Promise.all([lastValueFrom(epoch$), lastValueFrom(epoch$)]);
    expect(a.length).toBe(4);
    expect(a.every((x, i) => x.equals(b[i]!))).toBe(true);
  });

  it('errors with one line and emits nothing for bad options', async () => {
    const seen: number[] = [];
    const failed = lastValueFrom(epochBatches(split, { ...options, batchSize: 1000 }).pipe(map((b) => seen.push(b.step))));
    await expect(failed).rejects.toThrow(/^batch size 1000 is larger than the split's 256 records$/);
    expect(seen).toEqual([]);
    await expect(firstValueFrom(epochBatches(split, { ...options, seed: Number.NaN }))).rejects.toThrow(/seed must be SafeInt/);
  });
});
