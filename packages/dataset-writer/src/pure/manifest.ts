import * as t from 'io-ts';

/**
 * The record repository's table of contents. The codec is the single source of the type;
 * the writer produces it and the loader refuses a repository whose manifest does not decode.
 */
export const FORMAT_VERSION = 1;

const NonNegativeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, { readonly NonNegativeInt: unique symbol }> =>
    Number.isInteger(n) && n >= 0,
  'NonNegativeInt',
);

export const SplitName = t.keyof({ train: null, test: null });
export type SplitName = t.TypeOf<typeof SplitName>;

/** One data file of the repository and its sha256, as lowercase hex. */
export const DataFile = t.strict({ file: t.string, bytes: NonNegativeInt, sha256: t.string });
export type DataFile = t.TypeOf<typeof DataFile>;

/** A split: `images` is uint8 NHWC [count, 32, 32, 3]; `labels` is uint8 [count]. */
export const SplitEntry = t.strict({
  count: NonNegativeInt,
  perClassCounts: t.array(NonNegativeInt),
  images: DataFile,
  labels: DataFile,
});
export type SplitEntry = t.TypeOf<typeof SplitEntry>;

export const Manifest = t.strict({
  formatVersion: t.literal(FORMAT_VERSION),
  layout: t.literal('NHWC'),
  dtype: t.literal('uint8'),
  imageShape: t.tuple([t.literal(32), t.literal(32), t.literal(3)]),
  classNames: t.array(t.string),
  /** Per-channel mean (R, G, B) over the unpadded training images, 0..255 scale (neon's definition). */
  trainMean: t.tuple([t.number, t.number, t.number]),
  splits: t.partial({ train: SplitEntry, test: SplitEntry }),
  /** sha256 over the source's record bytes, so a rerun on the same source can skip the work. */
  sourceChecksum: t.string,
  createdAt: t.string,
});
export type Manifest = t.TypeOf<typeof Manifest>;

export const MANIFEST_FILE = 'manifest.json';
export const IMAGE_BYTES = 32 * 32 * 3;
