import { parentPort } from 'node:worker_threads';
import { augmentInto } from './pure/augment-into.ts';
import type { Padding } from './pure/loader-options.ts';

/**
 * Worker thread entry. Per epoch it receives the split once (shared memory, no copy) under a
 * token, then one job per batch, and hands each filled Float32Array back by transfer. Threads
 * outlive epochs, so every job and result carries its epoch's token: a result for an epoch that
 * was closed meanwhile is recognised and dropped.
 */
export interface WorkerInit {
  readonly kind: 'init';
  readonly token: number;
  readonly images: Uint8Array;
  readonly padding: Padding;
  readonly mean: readonly [number, number, number];
  readonly borders?: Uint8Array;
}
export interface WorkerJob {
  readonly kind: 'job';
  readonly token: number;
  readonly step: number;
  readonly order: Int32Array;
  readonly cropX: Uint8Array;
  readonly cropY: Uint8Array;
  readonly flip: Uint8Array;
  /** The buffer to fill, transferred in and transferred back. */
  readonly out: Float32Array;
}
export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly token: number; readonly step: number; readonly images: Float32Array };

const port = parentPort;
let init: WorkerInit | undefined;
port?.on('message', (message: WorkerInit | WorkerJob) => {
  if (message.kind === 'init') {
    init = message;
    return;
  }
  if (init?.token !== message.token) throw new Error(`augment worker got a job of epoch token ${message.token} before its init`);
  const { padding, mean, borders } = init;
  const job = { ...message, padding, mean, ...(borders === undefined ? {} : { borders }) };
  const images = augmentInto(init.images, job, message.out);
  const result: WorkerMessage = { kind: 'result', token: message.token, step: message.step, images };
  port.postMessage(result, [images.buffer as ArrayBuffer]);
});
port?.postMessage({ kind: 'ready' } satisfies WorkerMessage);
