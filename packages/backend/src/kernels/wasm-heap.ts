import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A view of a wasm tensor's bytes in the module heap. Take views only after the last
 * allocation of a kernel: malloc may grow the heap and detach earlier views.
 */
export const heapView = (backend: tf.KernelBackend, info: tf.TensorInfo): tf.TypedArray =>
  (backend as BackendWasm).typedArrayFromHeap(info) as tf.TypedArray;

export const makeWasmOutput = (backend: tf.KernelBackend, shape: number[], dtype: tf.DataType): tf.TensorInfo =>
  (backend as BackendWasm).makeOutput(shape, dtype);
