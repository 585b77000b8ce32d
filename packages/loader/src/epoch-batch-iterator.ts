import * as E from 'fp-ts/lib/Either.js';
import { mainThreadProducer, type BatchProducer } from './batch-producer.ts';
import { boundedPrefetch } from './bounded-prefetch.ts';
import { prepareEpoch, type PreparedEpoch } from './prepare-epoch.ts';
import type { Batch } from './pure/batch.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';
import { freshImages, type ImagePool } from './image-pool.ts';
import { createLoaderThreads, type LoaderThreads } from './loader-threads.ts';
import { borderTable } from './split-cache.ts';
import { workerProducer } from './worker-producer.ts';

/** Training crops read borders on almost every image; their means are computed once per split. */
/**
 * What an epoch may borrow from its caller: an `ImagePool` to recycle image buffers, and
 * `LoaderThreads` booted once per run. With threads, batches are made on them whatever `workers`
 * says; without, `workers > 0` boots threads for the epoch alone.
 */
export interface LoaderResources {
  readonly pool?: ImagePool;
  readonly threads?: LoaderThreads;
}

export const producerFor =
  ({ pool = freshImages, threads }: LoaderResources = {}) =>
  ({ split, plan, options }: PreparedEpoch): BatchProducer => {
    const borders = options.mode === 'train' && options.padding === 'mean' ? borderTable(split) : undefined;
    if (threads === undefined && options.workers === 0) {
      return mainThreadProducer(split, plan, options.padding, borders, pool);
    }
    const use = threads ?? createLoaderThreads(options.workers);
    return workerProducer(split, plan, options.padding, borders, pool, use, threads === undefined);
  };

const failing = (message: string): AsyncIterableIterator<Batch> => {
  const it: AsyncIterableIterator<Batch> = {
    next: () => Promise.reject(new Error(message)),
    return: () => Promise.resolve({ done: true, value: undefined }),
    [Symbol.asyncIterator]: () => it,
  };
  return it;
};

/**
 * The bounded iterator over a prepared epoch. `producerOf` defaults to the threads the options
 * ask for; tests wrap it to count what is produced. Threads start with the first pull, not at
 * creation, so an iterator that is never read costs nothing.
 */
export const iterateEpoch = (
  epoch: PreparedEpoch,
  producerOf: (e: PreparedEpoch) => BatchProducer = producerFor(),
): AsyncIterableIterator<Batch> => {
  let producer: BatchProducer | undefined;
  return boundedPrefetch(
    epoch.plan.batches,
    (step) => (producer ??= producerOf(epoch)).produce(step),
    epoch.options.prefetch,
    () => producer?.close(),
  );
};

/**
 * One epoch of batches, pulled: at most `prefetch` batches are prepared ahead of the consumer.
 * The hot path of training (`for await (const batch of epochBatchIterator(...))`). Bad options
 * or a bad split make the first `next()` reject with a one-line message. Breaking out of the
 * loop (which calls `return()`) stops the epoch and ends its worker threads. Each batch's arrays
 * belong to the receiver, unless it opts into recycling with an `ImagePool` and gives them back.
 */
export const epochBatchIterator = (
  split: Split,
  options: LoaderOptions,
  resources: LoaderResources = {},
): AsyncIterableIterator<Batch> => {
  const prepared = prepareEpoch(split, options);
  return E.isLeft(prepared) ? failing(prepared.left) : iterateEpoch(prepared.right, producerFor(resources));
};
