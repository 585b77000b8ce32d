import { Observable } from 'rxjs';

/**
 * A cold Observable over a fresh async iterator per subscription. It pulls the next item only
 * after `subscriber.next(item)` has returned, so a subscriber that finishes its work on each item
 * inside `next` paces the iterator, and the iterator's own bound (the loader's prefetch) is all
 * that ever waits ahead of it. A subscriber that hands items to async work (`concatMap` of a
 * Promise) returns at once and would be flooded through RxJS's unbounded buffers; such consumers
 * should pull from the iterator themselves. Unsubscribing calls `return()` on the iterator.
 */
export const fromPulled = <T>(makeIterator: () => AsyncIterator<T>): Observable<T> =>
  new Observable<T>((subscriber) => {
    const it = makeIterator();
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
