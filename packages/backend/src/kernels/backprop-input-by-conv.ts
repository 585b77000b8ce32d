import * as tf from '@tensorflow/tfjs';
import { callKernel, disposeInfos } from './kernel-call.ts';
import type { ConvGeometry } from './conv-geometry.ts';

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
 * dx = a stride-1 convolution of dy (spread apart by the stride) with the filter rotated by
 * 180 degrees and its channel axes swapped, so the backend's Conv2D does the work.
 * Requires all of `backpropInputPads(g)` to be >= 0.
 */
export const backpropInputByConv = (
  backendName: string,
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
  const rotated = keep(run('Reverse', { x: filter }, { dims: [0, 1] }));
  const swapped = keep(run('Transpose', { x: rotated }, { perm: [0, 1, 3, 2] }));
  const [top, bottom, left, right] = backpropInputPads(g);
  const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
  const dx = run('Conv2D', { x: dySpread, filter: swapped }, attrs as unknown as tf.NamedAttrMap);
  disposeInfos(backend, temps);
  return dx;
};
