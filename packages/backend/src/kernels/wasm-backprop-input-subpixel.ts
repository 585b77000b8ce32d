import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry.ts';
import { interleaveModule } from './interleave-module.ts';
import { runKernelCalls } from './kernel-threads.ts';
import { callKernel, disposeInfos } from './kernel-call.ts';
import { subpixelAxis, subpixelApplies, subpixelFilter } from './subpixel-filter.ts';
import { heapAddress, heapView, makeWasmOutput, wasmHeap } from './wasm-heap.ts';

export const subpixelAxes = (g: ConvGeometry) =>
  [
    subpixelAxis(g.inHeight, g.outHeight, g.filterHeight, g.strideHeight, g.padTop),
    subpixelAxis(g.inWidth, g.outWidth, g.filterWidth, g.strideWidth, g.padLeft),
  ] as const;

/** Whether the sub-pixel method fits this geometry: equal strides above 1, no negative padding. */
export const subpixelFits = (g: ConvGeometry): boolean =>
  g.strideHeight === g.strideWidth && g.strideHeight > 1 && subpixelApplies(...subpixelAxes(g));

/**
 * dx of a strided convolution with 16/9 of the forward FLOPs for 3x3 stride 2, where
 * spreading dy with zeros costs 4x: one Conv2D to all phases, then their interleaving.
 */
export const wasmBackpropInputSubpixel = (
  backend: tf.KernelBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
): tf.TensorInfo => {
  const [h, w] = subpixelAxes(g);
  const s = g.strideHeight;
  const phaseFilter = makeWasmOutput(backend, [h.taps, w.taps, g.outChannels, s * s * g.inChannels], 'float32');
  heapView(backend, phaseFilter).set(subpixelFilter(heapView(backend, filter), g, h, w));
  const pad = [[0, 0], [h.padBefore, h.padAfter], [w.padBefore, w.padAfter], [0, 0]];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] } as unknown as tf.NamedAttrMap;
  const phases = callKernel('wasm', backend, tf.Conv2D, { x: dy, filter: phaseFilter }, attrs);
  const dx = makeWasmOutput(backend, [g.batch, g.inHeight, g.inWidth, g.inChannels], 'float32');
  const heap = wasmHeap(backend);
  const { key, bytes } = interleaveModule(heap.memory, {
    rows: h.phaseRows, cols: w.phaseRows, stride: s, channels: g.inChannels, height: g.inHeight, width: g.inWidth,
  });
  const [phasesAt, dxAt] = [heapAddress(backend, phases), heapAddress(backend, dx)];
  const [phaseImageBytes, dxImageBytes] = [h.phaseRows * w.phaseRows * s * s * g.inChannels * 4, g.inHeight * g.inWidth * g.inChannels * 4];
  const calls = Array.from({ length: g.batch }, (_, n) => [phasesAt + n * phaseImageBytes, dxAt + n * dxImageBytes]);
  runKernelCalls(heap.memory, key, bytes, calls);
  disposeInfos(backend, [phaseFilter, phases]);
  return dx;
};
