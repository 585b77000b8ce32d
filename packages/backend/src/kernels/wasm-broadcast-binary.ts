import * as tf from '@tensorflow/tfjs';
import { asBackend, disposeInfos, input } from './kernel-call.ts';
import { elementwiseFits, runElementwise } from './wasm-elementwise.ts';
import type { ElementwiseOp } from './simd-elementwise-module.ts';
import { tileInPlace } from './tile-in-place.ts';
import { heapView, makeWasmOutput } from './wasm-heap.ts';

/** Below this many output elements the stock broadcast is cheap enough. */
const minElements = 1024;

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The small operand tiled up to the full shape by block copies; the caller frees it. */
const expand = (backend: tf.KernelBackend, small: tf.TensorInfo, shape: readonly number[]): tf.TensorInfo => {
  const padded = [...new Array<number>(shape.length - small.shape.length).fill(1), ...small.shape];
  const out = makeWasmOutput(backend, [...shape], small.dtype);
  tileInPlace(heapView(backend, small), padded, shape.map((d, i) => d / (padded[i] ?? 1)), heapView(backend, out));
  return out;
};

const ops: Readonly<Record<string, ElementwiseOp>> = { [tf.Add]: 'add', [tf.Sub]: 'sub', [tf.Multiply]: 'mul', [tf.RealDiv]: 'div' };

/**
 * Binary ops whose one operand broadcasts into the other (x * gamma in a batch norm): the
 * stock wasm kernel walks broadcast indices element by element, about 5x slower than
 * tiling the small operand by block copies and running the same-shape kernel. Large
 * same-shape float32 operands (residual sums, ReLU's gradient) go to our SIMD pass on the
 * kernel threads; the stock kernel runs on the main thread alone.
 */
export const makeWasmBroadcastBinaryConfig = (stock: tf.KernelConfig): tf.KernelConfig => ({
  ...stock,
  kernelFunc: (args) => {
    const a = input(args.inputs, 'a');
    const b = input(args.inputs, 'b');
    const op = ops[stock.kernelName];
    const sameShapeOp = (x: tf.TensorInfo, y: tf.TensorInfo, inputs: tf.NamedTensorInfoMap): tf.TensorInfo =>
      op !== undefined && elementwiseFits(x, y) ? runElementwise(asBackend(args.backend), op, x, y) : (stock.kernelFunc({ ...args, inputs }) as tf.TensorInfo);
    const [sa, sb] = [sizeOf(a.shape), sizeOf(b.shape)];
    const full = sa >= sb ? a : b;
    const small = full === a ? b : a;
    const sameShape = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    if (sameShape) return sameShapeOp(a, b, { a, b });
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || sizeOf(full.shape) < minElements) return stock.kernelFunc(args);
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    if (sizeOf(outShape) !== sizeOf(full.shape) || small.shape.length > full.shape.length) return stock.kernelFunc(args);
    const backend = asBackend(args.backend);
    const expanded = expand(backend, small, full.shape);
    const out = full === a ? sameShapeOp(a, expanded, { a, b: expanded }) : sameShapeOp(expanded, b, { a: expanded, b });
    disposeInfos(backend, [expanded]);
    return out;
  },
});
