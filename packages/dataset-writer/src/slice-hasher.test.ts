import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sliceHasher } from './slice-hasher.ts';
import type { SliceHasher } from './slice-hasher.ts';
import { randomRecords } from './test-support/fixtures.ts';
import { testSeed } from '@resnet-cifar/test-support';

let hasher: SliceHasher | undefined;
afterEach(() => hasher?.close());

/** `bytes` cut into slices of random lengths (some empty), drawn from the same seed. */
const slicesOf = (bytes: Uint8Array, seed: number): Uint8Array[] => {
  const slices: Uint8Array[] = [];
  for (let from = 0, k = seed; from < bytes.length; k++) {
    const length = (k * 7919) % 5000;
    slices.push(bytes.subarray(from, from + length));
    from += length;
  }
  return slices;
};

const inShared = (bytes: Uint8Array): Uint8Array => {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared;
};

describe('sliceHasher', () => {
  it('gives the sha256 of the whole, from shared slices (the worker) and plain ones (here), several hashes interleaved', async () => {
    const seed = testSeed('slice hasher');
    const [a, b] = [randomRecords(seed, 9), randomRecords(seed + 1, 4)];
    hasher = sliceHasher();
    const shared = hasher.start();
    const plain = hasher.start();
    const [sliced, plainSlices] = [slicesOf(inShared(a), seed), slicesOf(b, seed + 1)];
    for (let i = 0; i < Math.max(sliced.length, plainSlices.length); i++) {
      await Promise.all([sliced[i] && shared.update(sliced[i]!), plainSlices[i] && plain.update(plainSlices[i]!)]);
    }
    const expected = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(await shared.digest()).toBe(expected(a));
    expect(await plain.digest()).toBe(expected(b));
  });

  it('keeps slices in order when updates are not awaited one by one', async () => {
    const seed = testSeed('slice hasher order');
    const bytes = inShared(randomRecords(seed, 6));
    hasher = sliceHasher();
    const hash = hasher.start();
    void Promise.all(slicesOf(bytes, seed).map((slice) => hash.update(slice)));
    expect(await hash.digest()).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('rejects instead of hanging once the worker is gone', async () => {
    hasher = sliceHasher();
    const hash = hasher.start();
    await hash.update(inShared(new Uint8Array([1, 2, 3])));
    hasher.close();
    await expect(hash.digest()).rejects.toThrow(/hashing worker exited/);
  });
});
