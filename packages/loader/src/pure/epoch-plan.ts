import { PAD } from './image-stages.ts';
import { batchesPerEpoch } from './batches-per-epoch.ts';
import type { ResolvedOptions } from './loader-options.ts';
import { uniformInt, type Rng } from './rng.ts';
import { permutation } from './shuffle.ts';

/** Crop offsets are uniform in 0..8 on the 40x40 padded image; 4 is the centre crop. */
export const CROP_CHOICES = 2 * PAD + 1;

/**
 * Every random choice of one epoch, decided up front on the main thread: which record fills each
 * slot of the epoch, its crop offsets and its flip. Batches are then pure functions of
 * (plan, step), so any thread can compute any batch and the bytes do not depend on who did it.
 */
export interface EpochPlan {
  readonly epoch: number;
  readonly batches: number;
  readonly batchSize: number;
  /** Record index per slot; `wrap` fills the last batch from the start of the permutation. */
  readonly order: Int32Array;
  readonly cropX: Uint8Array;
  readonly cropY: Uint8Array;
  readonly flip: Uint8Array;
}

const slotsOf = (count: number, o: ResolvedOptions, batches: number): number =>
  o.lastBatch === 'partial' ? count : batches * o.batchSize;

/** Draws, in this order: the permutation (if shuffling), then x, y, flip for each slot (if training). */
export const epochPlan = (rng: Rng, count: number, o: ResolvedOptions): EpochPlan => {
  const batches = batchesPerEpoch(count, o.batchSize, o.lastBatch);
  const slots = slotsOf(count, o, batches);
  const perm = o.shuffle ? permutation(rng, count) : null;
  const order = new Int32Array(slots);
  const cropX = new Uint8Array(slots).fill(PAD);
  const cropY = new Uint8Array(slots).fill(PAD);
  const flip = new Uint8Array(slots);
  for (let s = 0; s < slots; s++) {
    const p = s % count;
    order[s] = perm === null ? p : (perm[p] as number);
    if (o.mode === 'train') {
      cropX[s] = uniformInt(rng, CROP_CHOICES);
      cropY[s] = uniformInt(rng, CROP_CHOICES);
      flip[s] = uniformInt(rng, 2);
    }
  }
  return { epoch: o.epoch, batches, batchSize: o.batchSize, order, cropX, cropY, flip };
};
