import { augmentInto, type AugmentJob } from './augment-into.ts';
import type { EpochPlan } from './epoch-plan.ts';
import type { Padding } from './loader-options.ts';
import { IMAGE_BYTES, type Split } from './split.ts';

/**
 * One batch as plain typed arrays, so nothing here owns a tensor: `images` is float32 NHWC
 * [size, 32, 32, 3], already mean-subtracted; `indices` are the record indices in the split.
 * The receiver owns the arrays (and any tensors it makes from them, see `toTensors`).
 */
export interface Batch {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly indices: Int32Array;
  readonly epoch: number;
  readonly step: number;
  readonly size: number;
}

/** The plan's slots for batch `step` (the last one is shorter only with lastBatch 'partial'). */
export const slotRange = (plan: EpochPlan, step: number): readonly [number, number] => {
  const from = step * plan.batchSize;
  return [from, Math.min(from + plan.batchSize, plan.order.length)];
};

export const augmentJob = (
  plan: EpochPlan,
  step: number,
  padding: Padding,
  mean: readonly [number, number, number],
  borders?: Uint8Array,
): AugmentJob => {
  const [from, to] = slotRange(plan, step);
  return {
    order: plan.order.subarray(from, to),
    cropX: plan.cropX.subarray(from, to),
    cropY: plan.cropY.subarray(from, to),
    flip: plan.flip.subarray(from, to),
    padding,
    mean,
    ...(borders === undefined ? {} : { borders }),
  };
};

/** Wraps already augmented images into a Batch: labels and indices are read on the caller's side. */
export const batchOf = (split: Split, plan: EpochPlan, step: number, images: Float32Array): Batch => {
  const [from, to] = slotRange(plan, step);
  const indices = plan.order.slice(from, to);
  const labels = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) labels[k] = split.labels[indices[k] as number] as number;
  return { images, labels, indices, epoch: plan.epoch, step, size: indices.length };
};

/** Floats in batch `step`'s images. */
export const imagesLength = (plan: EpochPlan, step: number): number => {
  const [from, to] = slotRange(plan, step);
  return (to - from) * IMAGE_BYTES;
};

/**
 * Batch `step` computed on the calling thread, into `out` when given (imagesLength floats).
 * `borders` is the split's optional border table.
 */
export const buildBatch = (
  split: Split,
  plan: EpochPlan,
  step: number,
  padding: Padding,
  borders?: Uint8Array,
  out?: Float32Array,
): Batch => {
  const job = augmentJob(plan, step, padding, split.mean, borders);
  const images = augmentInto(split.images, job, out ?? new Float32Array(imagesLength(plan, step)));
  return batchOf(split, plan, step, images);
};
