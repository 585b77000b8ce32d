import { setImmediate } from 'node:timers';
import type { Batch } from './pure/batch.ts';
import { buildBatch, imagesLength } from './pure/batch.ts';
import type { ImagePool } from './image-pool.ts';
import type { EpochPlan } from './pure/epoch-plan.ts';
import type { Padding } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';

/** Makes batch `step` of a planned epoch; `close` frees whatever threads it holds. */
export interface BatchProducer {
  readonly produce: (step: number) => Promise<Batch>;
  readonly close: () => Promise<void>;
  /** Resolves once every worker thread can take batches (at once on the calling thread). */
  readonly ready: Promise<void>;
}

/**
 * Builds each batch on the calling thread in a later turn of the event loop, so prefetched
 * batches are prepared while the consumer awaits (for example a tfjs `data()` call) rather than
 * all at once inside the consumer's `next()`.
 */
export const mainThreadProducer = (
  split: Split,
  plan: EpochPlan,
  padding: Padding,
  borders: Uint8Array | undefined,
  pool: ImagePool,
): BatchProducer => ({
  produce: (step) =>
    new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(buildBatch(split, plan, step, padding, borders, pool.take(imagesLength(plan, step))));
        } catch (e) {
          reject(e);
        }
      }),
    ),
  close: () => Promise.resolve(),
  ready: Promise.resolve(),
});
