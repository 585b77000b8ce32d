import { CLASS_COUNT, PLANE_BYTES, RECORD_BYTES } from './record-format.ts';
import { transposer } from './transposer.ts';
import type { Sums, Transposer } from './transposer.ts';

/**
 * One split being assembled from validated batch files: NHWC images, labels, per-class counts
 * and per-channel pixel sums (for the training mean). Mutable on purpose: it fills buffers of
 * 100+ MB in place, and nobody else holds it until `finish`.
 */
export interface SplitAccumulator {
  /** Where the transposed images land: the whole split, or a ring of slots the caller writes out and reuses. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly perClassCounts: number[];
  readonly channelSums: Sums;
  readonly transposer: Transposer;
  filled: number;
}

/** `images` defaults to room for the whole split; the writer passes a small ring it writes out and reuses. */
export const splitAccumulator = (count: number, images: Transposer = transposer(count)): SplitAccumulator => ({
  images: images.images,
  labels: new Uint8Array(count),
  perClassCounts: new Array<number>(CLASS_COUNT).fill(0),
  channelSums: [0, 0, 0],
  transposer: images,
  filled: 0,
});

/**
 * Appends the records of one validated batch file (labels already checked to be in 0..9); their
 * images go to `images` from image index `at` on (by default, right after the previous ones).
 */
export const appendRecords = (split: SplitAccumulator, records: Uint8Array, at: number = split.filled): void => {
  const count = records.length / RECORD_BYTES;
  for (let record = 0; record < count; record++) {
    const label = records[record * RECORD_BYTES] ?? 0;
    split.labels[split.filled + record] = label;
    split.perClassCounts[label] = (split.perClassCounts[label] ?? 0) + 1;
  }
  split.transposer.transpose(records, at, split.channelSums);
  split.filled += count;
};

/** Per-channel mean over every pixel of the split (neon: one number per channel, unpadded images). */
export const channelMean = (split: SplitAccumulator): [number, number, number] => {
  const pixels = split.filled * PLANE_BYTES;
  return pixels === 0
    ? [0, 0, 0]
    : [split.channelSums[0] / pixels, split.channelSums[1] / pixels, split.channelSums[2] / pixels];
};
