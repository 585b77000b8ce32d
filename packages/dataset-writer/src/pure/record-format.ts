/**
 * The original CIFAR-10 binary format: each record is 1 label byte, then the R, G and B planes
 * (1024 bytes each, row-major 32x32). These names and sizes are the contract with the source.
 */
export const RECORD_BYTES = 3073;
export const PIXEL_BYTES = 3072;
export const PLANE_BYTES = 1024;
export const CLASS_COUNT = 10;

export const TRAIN_FILES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
] as const;
export const TEST_FILES = ['test_batch.bin'] as const;
export const META_FILE = 'batches.meta.txt';

export type BatchFileName = (typeof TRAIN_FILES)[number] | (typeof TEST_FILES)[number];

/** Canonical order: the train split is data_batch_1..5 in this order, whatever order a source lists them. */
export const BATCH_FILES: ReadonlyArray<BatchFileName> = [...TRAIN_FILES, ...TEST_FILES];

export const isBatchFileName = (name: string): name is BatchFileName =>
  (BATCH_FILES as ReadonlyArray<string>).includes(name);

/** The official release holds 10,000 records per batch file; fewer is allowed but reported. */
export const RECORDS_PER_OFFICIAL_BATCH = 10_000;

export const DEFAULT_CLASS_NAMES: ReadonlyArray<string> = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];
