import { describe, expect, it } from 'vitest';
import { labelsOf, randomRecords, referenceNhwc } from './test-support/fixtures.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import { appendRecords, channelMean, splitAccumulator } from './pure/split-accumulator.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('appendRecords', () => {
  it('lays random records out exactly as the byte-by-byte CHW -> NHWC reference, across files', () => {
    const seed = testSeed('transpose');
    const first = randomRecords(seed, 13);
    const second = randomRecords(seed + 1, 6);
    const split = splitAccumulator(19);
    appendRecords(split, first);
    appendRecords(split, second);
    const all = new Uint8Array([...first, ...second]);
    expect(split.filled).toBe(19);
    expect(Buffer.from(split.images).equals(Buffer.from(referenceNhwc(all)))).toBe(true);
    expect([...split.labels]).toEqual([...labelsOf(all)]);
  });

  it('counts classes and sums channels like a plain loop over the records', () => {
    const seed = testSeed('sums');
    const records = randomRecords(seed, 21);
    const split = splitAccumulator(21);
    appendRecords(split, records);
    const counts = new Array<number>(10).fill(0);
    const sums = [0, 0, 0];
    for (let n = 0; n < 21; n++) {
      counts[records[n * RECORD_BYTES]!]! += 1;
      for (let i = 0; i < 3072; i++) sums[Math.floor(i / 1024)]! += records[n * RECORD_BYTES + 1 + i]!;
    }
    expect(split.perClassCounts).toEqual(counts);
    expect(split.channelSums).toEqual(sums);
    expect(channelMean(split)).toEqual(sums.map((sum) => sum / (21 * 1024)));
  });

  it('sums saturated images without lane overflow (every pixel 255)', () => {
    const records = new Uint8Array(2 * RECORD_BYTES).fill(255);
    records[0] = 3;
    records[RECORD_BYTES] = 9;
    const split = splitAccumulator(2);
    appendRecords(split, records);
    expect(split.channelSums).toEqual([2 * 1024 * 255, 2 * 1024 * 255, 2 * 1024 * 255]);
    expect(split.images.every((v) => v === 255)).toBe(true);
  });
});
