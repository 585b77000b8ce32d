import { CLASS_COUNT, PIXEL_BYTES, PLANE_BYTES, RECORD_BYTES } from './record-format.ts';
import { transposeRecord } from './transpose-record.ts';

/**
 * One split being assembled from validated batch files: NHWC images, labels, per-class counts
 * and per-channel pixel sums (for the training mean). Mutable on purpose: it fills buffers of
 * 100+ MB in place, and nobody else holds it until `finish`.
 */
export interface SplitAccumulator {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly perClassCounts: number[];
  readonly channelSums: [number, number, number];
  filled: number;
}

export const splitAccumulator = (count: number): SplitAccumulator => ({
  // Fresh ArrayBuffers keep the 4-byte alignment the word-wise transposition needs.
  images: new Uint8Array(count * PIXEL_BYTES),
  labels: new Uint8Array(count),
  perClassCounts: new Array<number>(CLASS_COUNT).fill(0),
  channelSums: [0, 0, 0],
  filled: 0,
});

/** Appends the records of one validated batch file (labels already checked to be in 0..9). */
export const appendRecords = (split: SplitAccumulator, records: Uint8Array): void => {
  const count = records.length / RECORD_BYTES;
  const scratch = new Uint8Array(PIXEL_BYTES);
  const scratchWords = new Uint32Array(scratch.buffer);
  const outWords = new Uint32Array(split.images.buffer, split.images.byteOffset);
  const sums = split.channelSums;
  for (let record = 0; record < count; record++) {
    const start = record * RECORD_BYTES;
    const label = records[start] ?? 0;
    const index = split.filled + record;
    split.labels[index] = label;
    split.perClassCounts[label] = (split.perClassCounts[label] ?? 0) + 1;
    // The planes start at odd offsets; one memcpy into an aligned scratch lets us read words.
    scratch.set(records.subarray(start + 1, start + RECORD_BYTES));
    transposeRecord(scratchWords, outWords, (index * PIXEL_BYTES) >> 2, sums);
  }
  split.filled += count;
};

/** Per-channel mean over every pixel of the split (neon: one number per channel, unpadded images). */
export const channelMean = (split: SplitAccumulator): [number, number, number] => {
  const pixels = split.filled * PLANE_BYTES;
  return pixels === 0
    ? [0, 0, 0]
    : [split.channelSums[0] / pixels, split.channelSums[1] / pixels, split.channelSums[2] / pixels];
};
