import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmMemory } from './wasm-assembler.ts';

/**
 * A view of a wasm tensor's bytes in the module heap. Take views only after the last
 * allocation of a kernel: malloc may grow the heap and detach earlier views.
 */
export const heapView = (backend: tf.KernelBackend, info: tf.TensorInfo): tf.TypedArray =>
  (backend as BackendWasm).typedArrayFromHeap(info) as tf.TypedArray;

export const makeWasmOutput = (backend: tf.KernelBackend, shape: number[], dtype: tf.DataType): tf.TensorInfo =>
  (backend as BackendWasm).makeOutput(shape, dtype);

/** The wasm module's memory and allocator, for kernels of our own that run on tfjs's heap. */
export interface WasmHeap {
  readonly memory: WasmMemory;
  readonly malloc: (bytes: number) => number;
  readonly free: (ptr: number) => void;
}

export const wasmHeap = (backend: tf.KernelBackend): WasmHeap => {
  const w = (backend as BackendWasm).wasm as unknown as { asm?: { memory?: WasmMemory }; wasmMemory?: WasmMemory; _malloc: (n: number) => number; _free: (p: number) => void };
  const memory = w.asm?.memory ?? w.wasmMemory;
  if (memory === undefined) throw new Error('wasm backend memory not found');
  // `>>> 0`: _malloc returns a signed i32, negative for addresses past 2 GiB (as tfjs itself does).
  return { memory, malloc: (n) => w._malloc(n) >>> 0, free: (p) => w._free(p) };
};

/** Where a tensor's bytes start in the heap (unsigned, like every address here). */
export const heapAddress = (backend: tf.KernelBackend, info: tf.TensorInfo): number =>
  ((backend as BackendWasm).dataIdMap.get(info.dataId) as { memoryOffset: number }).memoryOffset >>> 0;
