import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerJob, WorkerMessage } from './augment-worker.ts';
import { mainThreadProducer, type BatchProducer } from './batch-producer.ts';
import type { ImagePool } from './image-pool.ts';
import { augmentJob, batchOf, imagesLength, type Batch } from './pure/batch.ts';
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
 * Augments batches on `count` worker threads. A worker takes a fraction of a second to boot (it
 * compiles the TypeScript), so until the first one is ready the calling thread makes the batches
 * itself: the bytes are the same wherever a batch is made, and the first batch never waits for
 * a boot. The plan's slices are copied (a few hundred bytes per batch), the split is shared
 * once, and each output buffer is transferred there and back, never copied.
 */
export const workerProducer = (
  split: Split,
  plan: EpochPlan,
  padding: Padding,
  count: number,
  borders: Uint8Array | undefined,
  pool: ImagePool,
): BatchProducer => {
  const local = mainThreadProducer(split, plan, padding, borders, pool);
  const pending = new Map<number, Pending>();
  const ready: Worker[] = [];
  let allReady = (): void => undefined;
  const readyAll = new Promise<void>((resolve) => (allReady = resolve));
  let failure: Error | undefined;
  // A dead worker would leave its batches unanswered forever: fail them, and every later request.
  const failAll = (e: Error): void => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const init: WorkerInit = {
    kind: 'init',
    images: shareSplit(split).images,
    padding,
    mean: split.mean,
    ...(borders === undefined ? {} : { borders }),
  };
  const workers = Array.from({ length: count }, () => {
    const w = spawn();
    w.on('message', (m: WorkerMessage) => {
      if (m.kind === 'ready') return void (ready.push(w) === count && allReady());
      const p = pending.get(m.step);
      pending.delete(m.step);
      p?.resolve(batchOf(split, plan, m.step, m.images));
    });
    w.on('error', (e) => failAll(new Error(`augment worker failed: ${e.message}`)));
    w.on('exit', (code) => failAll(new Error(`augment worker exited (code ${code}) before the epoch ended`)));
    w.postMessage(init);
    return w;
  });
  const onWorker = (w: Worker, step: number): Promise<Batch> =>
    new Promise((resolve, reject) => {
      pending.set(step, { resolve, reject });
      const j = augmentJob(plan, step, padding, split.mean);
      const out = pool.take(imagesLength(plan, step));
      const job: WorkerJob = {
        kind: 'job',
        step,
        order: j.order.slice(),
        cropX: j.cropX.slice(),
        cropY: j.cropY.slice(),
        flip: j.flip.slice(),
        out,
      };
      w.postMessage(job, [out.buffer as ArrayBuffer]);
    });
  const produce = (step: number): Promise<Batch> => {
    if (failure !== undefined) return Promise.reject(failure);
    const w = ready[step % Math.max(1, ready.length)];
    return w === undefined ? local.produce(step) : onWorker(w, step);
  };
  const close = async (): Promise<void> => {
    failAll(new Error('the loader was closed before this batch was delivered'));
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return { produce, close, ready: readyAll };
};
