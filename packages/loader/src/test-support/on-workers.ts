import * as E from 'fp-ts/lib/Either.js';
import type { BatchProducer } from '../batch-producer.ts';
import { iterateEpoch, producerFor } from '../epoch-batch-iterator.ts';
import type { ImagePool } from '../image-pool.ts';
import { prepareEpoch, type PreparedEpoch } from '../prepare-epoch.ts';
import type { Batch } from '../pure/batch.ts';
import type { LoaderOptions } from '../pure/loader-options.ts';
import type { Split } from '../pure/split.ts';

/**
 * The epoch's iterator with every batch made on a worker thread: the first request waits until
 * the workers have booted, so the calling thread never stands in for them (it does in normal use).
 */
export const onWorkersOnly = (split: Split, options: LoaderOptions, pool?: ImagePool): AsyncIterableIterator<Batch> => {
  const prepared = prepareEpoch(split, options);
  if (E.isLeft(prepared)) throw new Error(prepared.left);
  if (prepared.right.options.workers === 0) throw new Error('onWorkersOnly needs workers >= 1');
  const waiting = (e: PreparedEpoch): BatchProducer => {
    const real = producerFor(pool ? { pool } : {})(e);
    return { ...real, produce: (step) => real.ready.then(() => real.produce(step)) };
  };
  return iterateEpoch(prepared.right, waiting);
};
