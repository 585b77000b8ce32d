import { Observable } from 'rxjs';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import type { Batch } from './pure/batch.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';

/**
 * One epoch as a cold Observable: each subscription runs its own epoch (same seed and epoch, same
 * bytes). It drives the bounded iterator one batch at a time: the next batch is pulled only after
 * `subscriber.next(batch)` returns, so a subscriber that processes each batch synchronously inside
 * `next` is what paces the loader, and at most `prefetch` batches wait ahead of it. A subscriber
 * that hands batches to async work (`concatMap` of a Promise) returns at once and would be
 * flooded by RxJS's unbounded buffering; such consumers use `epochBatchIterator` and pull.
 */
export const epochBatches = (split: Split, options: LoaderOptions): Observable<Batch> =>
  new Observable<Batch>((subscriber) => {
    const it = epochBatchIterator(split, options);
    const run = async (): Promise<void> => {
      for (;;) {
        const r = await it.next();
        if (subscriber.closed) return;
        if (r.done === true) return subscriber.complete();
        subscriber.next(r.value);
      }
    };
    run().catch((e: unknown) => subscriber.error(e));
    return () => {
      void it.return?.();
    };
  });
