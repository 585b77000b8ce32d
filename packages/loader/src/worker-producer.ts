import type { WorkerInit, WorkerJob, WorkerMessage } from './augment-worker.ts';
import { mainThreadProducer, type BatchProducer } from './batch-producer.ts';
import type { ImagePool } from './image-pool.ts';
import type { LoaderThreads } from './loader-threads.ts';
import { augmentJob, batchOf, imagesLength, type Batch } from './pure/batch.ts';
import type { EpochPlan } from './pure/epoch-plan.ts';
import type { Padding } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';
import { shareSplit } from './split-cache.ts';

interface Pending {
  readonly resolve: (b: Batch) => void;
  readonly reject: (e: Error) => void;
}

let lastToken = 0;

/**
 * Augments one epoch's batches on worker threads. Until a thread has booted, the calling thread
 * makes the batches itself: the bytes are the same wherever a batch is made, so the first batch
 * never waits for a boot. The plan's slices are copied (a few hundred bytes per batch), the split
 * is shared, and each output buffer is transferred there and back, never copied. `owned` threads
 * (booted for this epoch alone) are closed with it.
 */
export const workerProducer = (
  split: Split,
  plan: EpochPlan,
  padding: Padding,
  borders: Uint8Array | undefined,
  pool: ImagePool,
  threads: LoaderThreads,
  owned: boolean,
): BatchProducer => {
  const local = mainThreadProducer(split, plan, padding, borders, pool);
  const token = ++lastToken;
  const pending = new Map<number, Pending>();
  let failure: Error | undefined;
  // A dead thread would leave its batches unanswered forever: fail them, and every later request.
  const failAll = (e: Error): void => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  threads.listen((m: WorkerMessage | Error) => {
    if (m instanceof Error) return failAll(m);
    if (m.kind !== 'result' || m.token !== token) return; // a closed epoch's late result
    const p = pending.get(m.step);
    pending.delete(m.step);
    p?.resolve(batchOf(split, plan, m.step, m.images));
  });
  const { images } = shareSplit(split);
  const init: WorkerInit = { kind: 'init', token, images, padding, mean: split.mean, ...(borders ? { borders } : {}) };
  const initialised = new Set<unknown>();
  const onThread = (step: number): Promise<Batch> =>
    new Promise((resolve, reject) => {
      const w = threads.booted[step % threads.booted.length]!;
      if (!initialised.has(w)) (w.postMessage(init), initialised.add(w));
      pending.set(step, { resolve, reject });
      const j = augmentJob(plan, step, padding, split.mean);
      const out = pool.take(imagesLength(plan, step));
      const job: WorkerJob = {
        kind: 'job', token, step, out,
        order: j.order.slice(), cropX: j.cropX.slice(), cropY: j.cropY.slice(), flip: j.flip.slice(),
      };
      w.postMessage(job, [out.buffer as ArrayBuffer]);
    });
  const produce = (step: number): Promise<Batch> => {
    if (failure !== undefined) return Promise.reject(failure);
    return threads.booted.length === 0 ? local.produce(step) : onThread(step);
  };
  const close = async (): Promise<void> => {
    failAll(new Error('the loader was closed before this batch was delivered'));
    threads.listen(undefined);
    if (owned) await threads.close();
  };
  return { produce, close, ready: threads.ready };
};
