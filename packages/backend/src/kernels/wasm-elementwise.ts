import * as tf from '@tensorflow/tfjs';
import { asBackend, input } from './kernel-call.ts';
import { runKernelCalls } from './kernel-threads.ts';
import { elementwiseModule, type ElementwiseOp } from './simd-elementwise-module.ts';
import { heapAddress, makeWasmOutput, wasmHeap } from './wasm-heap.ts';

/**
 * Below this many values the stock kernel's one call costs less than a job for the threads
 * (a worker wakes in tens of µs); above it, CHUNK-value calls spread over them.
 */
const MIN_VALUES = 16384;
const CHUNK = 16384;

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Whether our SIMD pass takes these operands: float32, whole vectors, large enough to share. */
export const elementwiseFits = (...operands: readonly tf.TensorInfo[]): boolean => {
  const size = sizeOf(operands[0]?.shape ?? []);
  return size >= MIN_VALUES && size % 4 === 0 && operands.every((t) => t.dtype === 'float32' && sizeOf(t.shape) === size);
};

/** out = op(a, b) (b ignored by unary ops), in CHUNK-value calls over the kernel threads. */
export const runElementwise = (backend: tf.KernelBackend, op: ElementwiseOp, a: tf.TensorInfo, b: tf.TensorInfo = a): tf.TensorInfo => {
  const out = makeWasmOutput(backend, [...a.shape], 'float32');
  const heap = wasmHeap(backend);
  const [pa, pb, po] = [heapAddress(backend, a), heapAddress(backend, b), heapAddress(backend, out)];
  const size = sizeOf(a.shape);
  const calls = Array.from({ length: Math.ceil(size / CHUNK) }, (_, k) => {
    const bytes = k * CHUNK * 4;
    return [pa + bytes, pb + bytes, po + bytes, Math.min(CHUNK, size - k * CHUNK) / 4];
  });
  const { key, bytes } = elementwiseModule(heap.memory, op);
  runKernelCalls(heap.memory, key, bytes, calls);
  return out;
};

/**
 * Relu, and Step with alpha 0 (ReLU's gradient mask), by our SIMD pass on the kernel threads:
 * the stock kernels run on the main thread alone. Anything else goes to the stock kernel.
 */
const unaryConfig = (kernelName: string, op: ElementwiseOp, stock: tf.KernelConfig, takes: (attrs: tf.NamedAttrMap) => boolean): tf.KernelConfig => ({
  ...stock,
  kernelName,
  kernelFunc: (args) => {
    const x = input(args.inputs, 'x');
    if (!elementwiseFits(x) || !takes(args.attrs ?? {})) return stock.kernelFunc(args);
    return runElementwise(asBackend(args.backend), op, x);
  },
});

export const makeWasmReluConfig = (stock: tf.KernelConfig): tf.KernelConfig => unaryConfig(tf.Relu, 'relu', stock, () => true);
export const makeWasmStepConfig = (stock: tf.KernelConfig): tf.KernelConfig =>
  unaryConfig(tf.Step, 'step', stock, (attrs) => ((attrs as unknown as tf.StepAttrs).alpha ?? 0) === 0);

/** ReLU's gradient in one pass, dy where y (ReLU's output) > 0: resnet-graph's blocks use it where it is registered. */
export const reluGradKernel = 'ResnetReluGrad';

/**
 * dy * step(y): the bits of tfjs's Multiply after Step (NaN where y is, a signed zero where y <= 0),
 * one pass and no mask tensor; small tensors in plain JS.
 */
export const wasmReluGradConfig: tf.KernelConfig = {
  kernelName: reluGradKernel,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend: b }) => {
    const [dy, y] = [input(inputs, 'dy'), input(inputs, 'y')];
    const backend = asBackend(b);
    if (elementwiseFits(y, dy)) return runElementwise(backend, 'reluGrad', y, dy);
    const out = makeWasmOutput(backend, [...y.shape], 'float32');
    const memory = wasmHeap(backend).memory.buffer;
    const size = sizeOf(y.shape);
    const [vy, vdy, vo] = [heapAddress(backend, y), heapAddress(backend, dy), heapAddress(backend, out)].map((at) => new Float32Array(memory, at, size)) as [Float32Array, Float32Array, Float32Array];
    for (let i = 0; i < size; i++) vo[i] = (vdy[i] as number) * (Number.isNaN(vy[i]) ? Number.NaN : (vy[i] as number) > 0 ? 1 : 0);
    return out;
  },
};
