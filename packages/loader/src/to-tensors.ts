import type * as tf from '@tensorflow/tfjs';
import type { Batch } from './pure/batch.ts';

/**
 * The batch as tensors: images float32 [B, 32, 32, 3], labels int32 [B]. The loader never makes
 * tensors itself; the caller receives these two and disposes them.
 */
export const toTensors = (
  tfl: typeof tf,
  batch: Batch,
): { readonly images: tf.Tensor4D; readonly labels: tf.Tensor1D } => ({
  images: tfl.tensor4d(batch.images, [batch.size, 32, 32, 3], 'float32'),
  labels: tfl.tensor1d(batch.labels, 'int32'),
});
