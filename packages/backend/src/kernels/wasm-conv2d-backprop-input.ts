import * as tf from '@tensorflow/tfjs';
import { backpropInputByConv, backpropInputPads } from './backprop-input-by-conv.ts';
import { convGeometry, type ConvGeometry } from './conv-geometry.ts';
import { asBackend, input, withStockSetup } from './kernel-call.ts';
import { subpixelFits, wasmBackpropInputSubpixel } from './wasm-backprop-input-subpixel.ts';
import { wasmDilate } from './wasm-dilate.ts';

/** How one layer shape computes its input gradient; swappable per shape (see selectors). */
export type BackpropInputMethod = 'conv' | 'subpixel' | 'stock';

export type BackpropInputSelector = (g: ConvGeometry) => BackpropInputMethod;

/**
 * XNNPACK through a transposed convolution is 5-10x the stock C++ loop wherever it applies;
 * for strided layers the sub-pixel form skips the zeros the plain transposed form multiplies.
 */
export const defaultBackpropInputSelector: BackpropInputSelector = (g) =>
  subpixelFits(g) ? 'subpixel' : backpropInputPads(g).every((p) => p >= 0) ? 'conv' : 'stock';

const fits = (m: BackpropInputMethod, g: ConvGeometry, stock: tf.KernelConfig | undefined): boolean =>
  m === 'subpixel' ? subpixelFits(g) : m === 'conv' ? backpropInputPads(g).every((p) => p >= 0) : stock !== undefined;

let selector: BackpropInputSelector = defaultBackpropInputSelector;

/** Lets a benchmark or a tuned profile choose the method per layer shape. */
export const setWasmBackpropInputSelector = (s: BackpropInputSelector): void => {
  selector = s;
};

export const makeWasmConv2DBackpropInputConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  ...withStockSetup(stock),
  kernelFunc: (args) => {
    const dy = input(args.inputs, 'dy');
    const filter = input(args.inputs, 'filter');
    const a = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const shape = filter.shape as [number, number, number, number];
    const g = convGeometry(a.inputShape, shape, a.strides, a.pad, a.dimRoundingMode, a.dataFormat);
    const chosen = selector(g);
    const method = fits(chosen, g, stock) ? chosen : defaultBackpropInputSelector(g);
    if (method === 'stock' && stock !== undefined) return stock.kernelFunc(args);
    if (method === 'subpixel') return wasmBackpropInputSubpixel(asBackend(args.backend), dy, filter, g);
    return backpropInputByConv('wasm', asBackend(args.backend), dy, filter, g, wasmDilate);
  },
});
