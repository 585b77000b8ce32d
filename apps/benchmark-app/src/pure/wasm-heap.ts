/** How a child says its wasm heap (4 GiB at most, tfjs-backend-wasm's build) ran out; the parent then retries smaller. */
export const WASM_HEAP_EXHAUSTED = 'wasm heap exhausted (4 GiB at most)';

/** The next batch to try after a wasm heap failure at `batchSize`: half, while at least `min`. */
export const smallerBatch = (message: string, batchSize: number, min = 16): number | undefined =>
  message.includes(WASM_HEAP_EXHAUSTED) && batchSize / 2 >= min ? Math.floor(batchSize / 2) : undefined;
