import { parentPort } from 'node:worker_threads';
import { augmentInto } from './pure/augment-into.ts';
import type { Padding } from './pure/loader-options.ts';

/**
 * Worker thread entry: receives the split's images once (shared memory, no copy), then one job per
 * batch, and hands each augmented Float32Array back by transfer (no copy on the way back either).
 */
export interface WorkerInit {
  readonly kind: 'init';
  readonly images: Uint8Array;
  readonly padding: Padding;
  readonly mean: readonly [number, number, number];
  readonly borders?: Uint8Array;
}
export interface WorkerJob {
  readonly kind: 'job';
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
  | { readonly kind: 'result'; readonly step: number; readonly images: Float32Array };

const port = parentPort;
let init: WorkerInit | undefined;
port?.on('message', (message: WorkerInit | WorkerJob) => {
  if (message.kind === 'init') {
    init = message;
    port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
    return;
  }
  if (init === undefined) throw new Error('augment worker received a job before its init message');
  const { padding, mean, borders } = init;
  const job = { ...message, padding, mean, ...(borders === undefined ? {} : { borders }) };
  const images = augmentInto(init.images, job, message.out);
  const result: WorkerMessage = { kind: 'result', step: message.step, images };
  port.postMessage(result, [images.buffer as ArrayBuffer]);
});
