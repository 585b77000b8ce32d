import * as tf from '@tensorflow/tfjs';
import { backpropFilterByConv } from './backprop-filter-by-conv.ts';
import { backpropFilterSimd, simdFilterGradientFits } from './backprop-filter-simd.ts';
import { convGeometry, type ConvGeometry } from './conv-geometry.ts';
import { asBackend, input } from './kernel-call.ts';

/** How wasm computes a filter gradient: our SIMD outer-product kernel, or one dilated XNNPACK Conv2D. */
export type BackpropFilterMethod = 'simd' | 'conv';

export const defaultBackpropFilterSelector = (g: ConvGeometry): BackpropFilterMethod => (simdFilterGradientFits(g) ? 'simd' : 'conv');
let selectFilterMethod = defaultBackpropFilterSelector;

/** Per-layer choice of the filter-gradient method ('simd' falls back to 'conv' where it does not fit). */
export const setWasmBackpropFilterSelector = (select: (g: ConvGeometry) => BackpropFilterMethod): void => {
  selectFilterMethod = select;
};

/** Conv2DBackpropFilter for wasm, which tfjs-backend-wasm 4.22 does not register (tfjs#8474). */
const kernelFunc: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const g = convGeometry(
    x.shape as [number, number, number, number],
    a.filterShape,
    a.strides,
    a.pad,
    a.dimRoundingMode,
    a.dataFormat,
  );
  return selectFilterMethod(g) === 'simd' && simdFilterGradientFits(g)
    ? backpropFilterSimd(asBackend(backend), x, dy, g)
    : backpropFilterByConv('wasm', asBackend(backend), x, dy, g);
};

export const wasmConv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc,
};
