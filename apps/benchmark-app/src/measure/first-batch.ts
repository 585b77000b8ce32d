import type * as tfjs from '@tensorflow/tfjs';
import { epochBatchIterator, toTensors, type Split } from '@resnet-cifar/loader';

/** One real augmented training batch, made into tensors once (the bare loop and forward passes reuse it). */
export const firstBatch = async (tf: typeof tfjs, split: Split, batchSize: number, seed: number) => {
  const batches = epochBatchIterator(split, { seed, epoch: 1, mode: 'train', batchSize, lastBatch: 'wrap', workers: 0 });
  const next = await batches.next();
  await batches.return?.();
  if (next.done === true) throw new Error('the training split gave no batch');
  return toTensors(tf, next.value);
};
