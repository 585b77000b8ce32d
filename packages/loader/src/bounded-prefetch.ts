/**
 * A pull-driven async iterator over items 0..total-1 that keeps at most `ahead` items requested
 * beyond the one the consumer holds. Nothing starts before the first `next()`; each `next()` tops
 * the window up, so however slow the consumer is, production waits for it (the bounded ring
 * buffer of tfjs-data's prefetch, without a timer or an unbounded queue). `release` runs once,
 * when the items are exhausted, on `return()`, or on the first failure.
 * Callers await each `next()` before the following one (as `for await` does).
 */
export const boundedPrefetch = <T>(
  total: number,
  produce: (k: number) => Promise<T>,
  ahead: number,
  release: () => Promise<void> | void = () => undefined,
): AsyncIterableIterator<T> => {
  const queue: Promise<T>[] = [];
  let requested = 0;
  let delivered = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    await release();
  };
  const request = (k: number): Promise<T> => {
    const p = produce(k);
    // Failures surface when the item is delivered; until then they must not be "unhandled".
    p.catch(() => undefined);
    return p;
  };
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      if (closed || delivered >= total) {
        await close();
        return { done: true, value: undefined };
      }
      while (requested < Math.min(total, delivered + 1 + ahead)) queue.push(request(requested++));
      const head = queue.shift() as Promise<T>;
      delivered++;
      try {
        return { done: false, value: await head };
      } catch (e) {
        await close();
        throw e;
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
};
