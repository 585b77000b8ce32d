import * as E from 'fp-ts/lib/Either.js';

export const IMAGE_SIDE = 32;
export const CHANNELS = 3;
export const IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE * CHANNELS;
export const NUM_CLASSES = 10;

/**
 * The bytes a loader reads: uint8 NHWC images [count, 32, 32, 3], uint8 labels [count], and the
 * per-channel training mean (R, G, B, 0..255 scale) that every split subtracts. Where the bytes
 * come from (a record repository, a test fixture) is not the loader's concern.
 */
export interface Split {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly mean: readonly [number, number, number];
}

const firstBadLabel = (labels: Uint8Array): number => labels.findIndex((l) => l >= NUM_CLASSES);

/** Checks the shapes once, up front, so no batch is emitted from a split that cannot be read whole. */
export const validateSplit = (split: Split): E.Either<string, Split> => {
  const { images, labels, count, mean } = split;
  if (!Number.isInteger(count) || count <= 0) {
    return E.left(`split has ${count} records; expected a positive integer count`);
  }
  if (images.length !== count * IMAGE_BYTES) {
    return E.left(`split images hold ${images.length} bytes; expected ${count} x 3072`);
  }
  if (labels.length !== count) {
    return E.left(`split has ${labels.length} labels for ${count} images`);
  }
  const bad = firstBadLabel(labels);
  if (bad >= 0) return E.left(`split label ${labels[bad]} at record ${bad} is not a class 0..9`);
  if (mean.length !== CHANNELS || !mean.every((m) => Number.isFinite(m))) {
    return E.left(`split mean must be 3 finite numbers (R, G, B); got ${JSON.stringify(mean)}`);
  }
  return E.right(split);
};
