/** What every app says when a step outgrows the wasm heap; the benchmark retries smaller on it. */
export const WASM_HEAP_EXHAUSTED = 'the wasm heap (4 GiB at most) is exhausted';

/**
 * emscripten's "Aborted()" says nothing a user can act on; on the wasm backend it means a step
 * needed more than the heap's 4 GiB (tfjs-backend-wasm 4.22's limit).
 */
export const explainFailure = (message: string, backend: string, batchSize: number): string =>
  backend === 'wasm' && message.startsWith('Aborted(')
    ? `${WASM_HEAP_EXHAUSTED} by one training step at batch ${batchSize}: ` +
      'use --backend tensorflow (tfjs-node-gpu, see README), or a smaller --batch-size (which departs from the recipe)'
    : message;
