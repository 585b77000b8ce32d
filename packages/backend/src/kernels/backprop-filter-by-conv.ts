import * as tf from '@tensorflow/tfjs';
import { callKernel, disposeInfos } from './kernel-call.ts';
import type { ConvGeometry } from './conv-geometry.ts';

/**
 * dW[kh,kw,ci,co] = sum over n,oh,ow of x[n, oh*s+kh-pt, ow*s+kw-pl, ci] * dy[n,oh,ow,co].
 * Read with ci as the batch, n as the channel and dy as the filter, that is a stride-1
 * convolution of x^T [ci,h,w,n] with dy^T [oh,ow,n,co] dilated by the stride, whose
 * kh x kw output is dW^T. The backend's own Conv2D (XNNPACK on wasm) then does the work.
 */
/** The same buffer seen with another shape of the same size (a free reshape). */
const view = (info: tf.TensorInfo, shape: number[]): tf.TensorInfo => ({ dataId: info.dataId, shape, dtype: info.dtype });

export const backpropFilterByConv = (
  backendName: string,
  backend: tf.KernelBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: ConvGeometry,
): tf.TensorInfo => {
  const temps: tf.TensorInfo[] = [];
  const keep = (info: tf.TensorInfo): tf.TensorInfo => (temps.push(info), info);
  const run = (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) =>
    callKernel(backendName, backend, name, inputs, attrs);

  // Rows/columns past the last window never contribute; a convolution cannot pad negatively.
  const usedH = g.inHeight + Math.min(g.padBottom, 0);
  const usedW = g.inWidth + Math.min(g.padRight, 0);
  const xUsed =
    usedH === g.inHeight && usedW === g.inWidth
      ? x
      : keep(run('Slice', { x }, { begin: [0, 0, 0, 0], size: [g.batch, usedH, usedW, g.inChannels] }));
  // Two 3-D transposes beat one 4-D transpose several-fold here: the stock generic 4-D path
  // crawls on [128,32,32,16] (power-of-two strides); [n,p,c] -> [p,n,c] moves whole rows.
  const p = usedH * usedW;
  const xPNC = keep(run('Transpose', { x: view(xUsed, [g.batch, p, g.inChannels]) }, { perm: [1, 0, 2] }));
  const xCPN = keep(run('Transpose', { x: xPNC }, { perm: [2, 0, 1] }));
  const xT = view(xCPN, [g.inChannels, usedH, usedW, g.batch]);
  const dyPNC = keep(run('Transpose', { x: view(dy, [g.batch, g.outHeight * g.outWidth, g.outChannels]) }, { perm: [1, 0, 2] }));
  const dyT = view(dyPNC, [g.outHeight, g.outWidth, g.batch, g.outChannels]);
  const pad = [
    [0, 0],
    [g.padTop, Math.max(g.padBottom, 0)],
    [g.padLeft, Math.max(g.padRight, 0)],
    [0, 0],
  ];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [g.strideHeight, g.strideWidth] };
  const dWT = keep(run('Conv2D', { x: xT, filter: dyT }, attrs as unknown as tf.NamedAttrMap));
  const taps = g.filterHeight * g.filterWidth;
  const dW = run('Transpose', { x: view(dWT, [g.inChannels, taps, g.outChannels]) }, { perm: [1, 0, 2] });
  disposeInfos(backend, temps);
  return view(dW, [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels]);
};
