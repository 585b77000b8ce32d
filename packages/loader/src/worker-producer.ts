import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerJob, WorkerResult } from './augment-worker.ts';
import type { BatchProducer } from './batch-producer.ts';
import { augmentJob, batchOf, type Batch } from './pure/batch.ts';
import type { EpochPlan } from './pure/epoch-plan.ts';
import type { Padding } from './pure/loader-options.ts';
import type { Split } from './pure/split.ts';
import { shareSplit } from './split-cache.ts';

const WORKER_URL = new URL('./augment-worker.ts', import.meta.url);

/** Workers do not inherit the parent's TypeScript loader (tsx or vitest), so they register tsx first. */
const spawn = (): Worker => {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  const boot = [
    `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});`,
    'register();',
    `await import(${JSON.stringify(WORKER_URL.href)});`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
};

interface Pending {
  readonly resolve: (b: Batch) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Augments batches on `count` worker threads, batch `step` on worker `step % count`, so results
 * arrive in order per worker. The plan's slices are copied (a few hundred bytes per batch); the
 * images are shared once, and every result is transferred back.
 */
export const workerProducer = (
  split: Split,
  plan: EpochPlan,
  padding: Padding,
  count: number,
  borders?: Uint8Array,
): BatchProducer => {
  const shared = shareSplit(split);
  const pending = new Map<number, Pending>();
  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const init: WorkerInit = {
    kind: 'init',
    images: shared.images,
    padding,
    mean: split.mean,
    ...(borders === undefined ? {} : { borders }),
  };
  const workers = Array.from({ length: count }, () => {
    const w = spawn();
    w.on('message', (r: WorkerResult) => {
      const p = pending.get(r.step);
      pending.delete(r.step);
      p?.resolve(batchOf(split, plan, r.step, r.images));
    });
    w.on('error', (e) => failAll(new Error(`augment worker failed: ${e.message}`)));
    w.postMessage(init);
    return w;
  });
  const produce = (step: number): Promise<Batch> =>
    new Promise((resolve, reject) => {
      pending.set(step, { resolve, reject });
      const j = augmentJob(plan, step, padding, split.mean);
      const job: WorkerJob = {
        kind: 'job',
        step,
        order: j.order.slice(),
        cropX: j.cropX.slice(),
        cropY: j.cropY.slice(),
        flip: j.flip.slice(),
      };
      workers[step % count]?.postMessage(job);
    });
  const close = async (): Promise<void> => {
    failAll(new Error('loader closed before this batch was delivered'));
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return { produce, close };
};
