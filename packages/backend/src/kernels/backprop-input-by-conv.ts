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
 * The filter rotated by 180 degrees with its channel axes swapped, [kh, kw, co, ci], written
 * into `out` in one pass (tfjs's wasm Reverse walks indices per element: ~1 ms for a 3x3x64x64
 * filter). Tap t of the flipped filter is tap taps-1-t of w, transposed.
 */
export const flipFilterInto = (w: Float32Array, out: Float32Array, g: ConvGeometry): void => {
  const [taps, ci, co] = [g.filterHeight * g.filterWidth, g.inChannels, g.outChannels];
  for (let t = 0; t < taps; t++) {
    const [to, from] = [(taps - 1 - t) * ci * co, t * ci * co];
    for (let c = 0; c < ci; c++) for (let o = 0, src = from + c * co, dst = to + c; o < co; o++, dst += ci) out[dst] = w[src + o] as number;
  }
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
  flipFilterInto(heapView(backend, filter) as Float32Array, heapView(backend, swapped) as Float32Array, g);
  const [top, bottom, left, right] = backpropInputPads(g);
  const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
  const dx = run('Conv2D', { x: dySpread, filter: swapped }, attrs as unknown as tf.NamedAttrMap);
  disposeInfos(backend, temps);
  return dx;
};
