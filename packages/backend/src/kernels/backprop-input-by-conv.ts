import * as tf from '@tensorflow/tfjs';
import { callKernel, disposeInfos } from './kernel-call.ts';
import type { ConvGeometry } from './conv-geometry.ts';
import { heapView, makeWasmOutput } from './wasm-heap.ts';

/** Spreads dy apart by the stride (zeros between); identity for stride 1. */
export type Dilate = (backend: tf.KernelBackend, dy: tf.TensorInfo, sh: number, sw: number) => tf.TensorInfo;

/** Padding of the transposed convolution; negative when the forward one skipped input rows. */
export const backpropInputPads = (g: ConvGeometry): readonly [number, number, number, number] => {
  const spanH = (g.outHeight - 1) * g.strideHeight + 1;
  const spanW = (g.outWidth - 1) * g.strideWidth + 1;
  const top = g.filterHeight - 1 - g.padTop;
  const left = g.filterWidth - 1 - g.padLeft;
  return [top, g.inHeight + g.filterHeight - 1 - spanH - top, left, g.inWidth + g.filterWidth - 1 - spanW - left];
};

/**
 * The filter rotated by 180 degrees with its channel axes swapped, [kh, kw, co, ci], in one pass
 * (tfjs's wasm Reverse walks indices per element: ~1 ms for a 3x3x64x64 filter).
 */
export const flipFilter = (w: ArrayLike<number>, g: ConvGeometry): Float32Array => {
  const [kh, kw, ci, co] = [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels];
  const out = new Float32Array(kh * kw * ci * co);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++) {
      const [to, from] = [(y * kw + x) * co * ci, ((kh - 1 - y) * kw + (kw - 1 - x)) * ci * co];
      for (let o = 0; o < co; o++) for (let c = 0; c < ci; c++) out[to + o * ci + c] = w[from + c * co + o] as number;
    }
  return out;
};

/**
 * dx = a stride-1 convolution of dy (spread apart by the stride) with the filter rotated by
 * 180 degrees and its channel axes swapped, so the backend's Conv2D does the work.
 * Requires all of `backpropInputPads(g)` to be >= 0.
 */
export const backpropInputByConv = (
  backendName: 'wasm',
  backend: tf.KernelBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  dilate: Dilate,
): tf.TensorInfo => {
  const temps: tf.TensorInfo[] = [];
  const keep = (info: tf.TensorInfo): tf.TensorInfo => (temps.push(info), info);
  const run = (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) =>
    callKernel(backendName, backend, name, inputs, attrs);
  const strided = g.strideHeight > 1 || g.strideWidth > 1;
  const dySpread = strided ? keep(dilate(backend, dy, g.strideHeight, g.strideWidth)) : dy;
  const swapped = keep(makeWasmOutput(backend, [g.filterHeight, g.filterWidth, g.outChannels, g.inChannels], 'float32'));
  heapView(backend, swapped).set(flipFilter(heapView(backend, filter), g));
  const [top, bottom, left, right] = backpropInputPads(g);
  const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
  const dx = run('Conv2D', { x: dySpread, filter: swapped }, attrs as unknown as tf.NamedAttrMap);
  disposeInfos(backend, temps);
  return dx;
};
