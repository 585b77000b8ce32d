import type { Observable } from 'rxjs';
import { epochBatchIterator, type LoaderResources } from './epoch-batch-iterator.ts';
import { fromPulled } from './from-pulled.ts';
import type { Batch } from './pure/batch.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';

/**
 * One epoch as a cold Observable: each subscription runs its own epoch, and (seed, epoch) fix its
 * bytes. It is the bounded iterator seen through `fromPulled`: the next batch is requested only
 * when `subscriber.next(batch)` returns, so a subscriber that processes each batch before
 * returning holds at most `prefetch` batches waiting ahead of it. Async consumers (a training
 * step) should pull from `epochBatchIterator` instead. Bad input errors before any batch.
 */
export const epochBatches = (
  split: Split,
  options: LoaderOptions,
  resources?: LoaderResources,
): Observable<Batch> => fromPulled(() => epochBatchIterator(split, options, resources));
