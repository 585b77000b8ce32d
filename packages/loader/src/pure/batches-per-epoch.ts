import type { LastBatch } from './loader-options.ts';

/** Batches in one epoch of `count` records: neon wraps the tail into a full batch (391 for 50k/128). */
export const batchesPerEpoch = (
  count: number,
  batchSize: number = 128,
  lastBatch: LastBatch = 'wrap',
): number =>
  lastBatch === 'drop' ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);

/** Size of batch `step`: full, except a `partial` tail. */
export const batchSizeAt = (
  count: number,
  batchSize: number,
  lastBatch: LastBatch,
  step: number,
): number =>
  lastBatch === 'partial' ? Math.min(batchSize, count - step * batchSize) : batchSize;
