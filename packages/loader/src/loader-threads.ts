import { Worker } from 'node:worker_threads';
import type { WorkerMessage } from './augment-worker.ts';

// From source, the worker is the TypeScript file; in a bundle (tools/gpu-kit), augment-worker.mjs beside it.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './augment-worker.ts' : './augment-worker.mjs', import.meta.url);

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

/**
 * Augmentation worker threads that outlive an epoch. Booting one costs about a CPU-second here
 * (it compiles the TypeScript), so a run that trains many epochs creates them once, passes them
 * to every epoch, and closes them at the end. Without them, an epoch with `workers > 0` boots
 * its own and closes them when it ends. One epoch at a time uses a set of threads.
 */
export interface LoaderThreads {
  readonly count: number;
  /** Resolves when every thread can take work. */
  readonly ready: Promise<void>;
  /** Threads that have booted, in boot order (the epoch producer sends work to these). */
  readonly booted: readonly Worker[];
  /** Routes the threads' results to the running epoch; a thread's death arrives as an Error. */
  readonly listen: (handler: ((m: WorkerMessage | Error) => void) | undefined) => void;
  readonly close: () => Promise<void>;
}

export const createLoaderThreads = (count: number): LoaderThreads => {
  const booted: Worker[] = [];
  let handler: ((m: WorkerMessage | Error) => void) | undefined;
  let closing = false;
  let allBooted = (): void => undefined;
  const ready = new Promise<void>((resolve) => (allBooted = resolve));
  const workers = Array.from({ length: count }, () => {
    const w = spawn();
    w.unref();
    w.on('message', (m: WorkerMessage) => {
      if (m.kind === 'ready') return void (booted.push(w) === count && allBooted());
      handler?.(m);
    });
    w.on('error', (e) => handler?.(new Error(`augment worker failed: ${e.message}`)));
    w.on('exit', (code) => {
      if (!closing) handler?.(new Error(`augment worker exited (code ${code}) before the run ended`));
    });
    return w;
  });
  return {
    count,
    ready,
    booted,
    // Referenced while an epoch waits on them (or the process could exit mid-epoch); idle
    // threads that the caller forgot to close never keep the process alive.
    listen: (h) => {
      handler = h;
      for (const w of workers) (h === undefined ? w.unref() : w.ref());
    },
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
};
