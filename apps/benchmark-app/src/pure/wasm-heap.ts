import { WASM_HEAP_EXHAUSTED } from '@resnet-cifar/trainer/pure';

/** A child says its wasm heap ran out in the trainer's words (`explainFailure`); the parent then retries smaller. */
export { WASM_HEAP_EXHAUSTED };

/** The next batch to try after a wasm heap failure at `batchSize`: half, while at least `min`. */
export const smallerBatch = (message: string, batchSize: number, min = 16): number | undefined =>
  message.includes(WASM_HEAP_EXHAUSTED) && batchSize / 2 >= min ? Math.floor(batchSize / 2) : undefined;
