import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, wasmThreadsFor } from './wasm-thread-count.ts';

describe('wasmThreadsFor', () => {
  it('is one per core, at least 1 and at most MAX_WASM_THREADS', () => {
    expect([0, 1, 2, 3, 8, 9, 64].map(wasmThreadsFor)).toEqual([1, 1, 2, 3, 8, MAX_WASM_THREADS, MAX_WASM_THREADS]);
  });
});
