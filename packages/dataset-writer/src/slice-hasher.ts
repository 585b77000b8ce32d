import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * sha256 of files fed slice by slice, computed on a worker thread when the slices live in shared
 * memory (the wasm transposer's ring), on the calling thread otherwise. Hashing 180 MB costs
 * ~130 ms even with SHA-NI; on the worker it overlaps with the transposition of the next slices.
 */
export interface SliceHasher {
  /** A new running hash; `update` resolves once `bytes` have been read and may be overwritten. */
  readonly start: () => {
    readonly update: (bytes: Uint8Array) => Promise<void>;
    readonly digest: () => Promise<string>;
  };
  /** Stops the worker; idempotent. */
  readonly close: () => void;
}

// Plain CommonJS, so the worker starts without the TypeScript loader (execArgv: []).
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ({ id, bytes }) => {
  if (!hashes.has(id)) hashes.set(id, createHash('sha256'));
  if (bytes !== undefined) return void (hashes.get(id).update(bytes), parentPort.postMessage({ id }));
  parentPort.postMessage({ id, digest: hashes.get(id).digest('hex') });
  hashes.delete(id);
});`;

type Reply = { readonly id: number; readonly digest?: string };
type Ask = (id: number, bytes?: Uint8Array) => Promise<Reply>;

/** The worker and a request/reply channel to it; replies come in message order, per running hash. */
const hashingWorker = (): { readonly ask: Ask; readonly close: () => void } => {
  // Not unref'd: an awaited digest must keep the process alive; the writer closes it in a finally.
  const worker = new Worker(WORKER, { eval: true, execArgv: [] });
  const waiting = new Map<number, Array<(reply: Reply | undefined) => void>>();
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const queue of waiting.values()) for (const wake of queue.splice(0)) wake(undefined);
  };
  worker.on('message', (reply: Reply) => waiting.get(reply.id)?.shift()?.(reply));
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the hashing worker exited')));
  const ask: Ask = (id, bytes) =>
    new Promise<Reply | undefined>((resolve) => {
      if (failure !== undefined) return resolve(undefined);
      waiting.set(id, [...(waiting.get(id) ?? []), resolve]);
      worker.postMessage({ id, bytes });
    }).then((reply) => reply ?? Promise.reject(failure));
  return { ask, close: () => void worker.terminate() };
};

/** Starts the worker now (~50 ms of CPU), so that it is ready by the time the first slice is. */
export const sliceHasher = (): SliceHasher => {
  const { ask, close } = hashingWorker();
  let ids = 0;
  const start = () => {
    const id = ids++;
    const local = createHash('sha256');
    let side: 'worker' | 'here' | undefined; // decided by the first slice: a hash is fed wholly on one side
    return {
      update: async (bytes: Uint8Array): Promise<void> => {
        side ??= bytes.buffer instanceof SharedArrayBuffer ? 'worker' : 'here';
        if (side === 'worker') await ask(id, bytes);
        else local.update(bytes);
      },
      digest: async (): Promise<string> => (side === 'worker' ? ((await ask(id)).digest ?? '') : local.digest('hex')),
    };
  };
  return { start, close };
};
