import * as tf from '@tensorflow/tfjs';
import { convGeometry, type ConvGeometry } from './conv-geometry.ts';
import { asBackend, input, withStockSetup } from './kernel-call.ts';
import { conv2dDirect, directConvFits } from './wasm-conv2d-direct.ts';

/** How wasm runs a convolution: our direct SIMD kernel, or tfjs's own (XNNPACK). */
export type ConvMethod = 'direct' | 'stock';
export type ConvSelector = (g: ConvGeometry) => ConvMethod;

export const defaultConvSelector: ConvSelector = (g) => (directConvFits(g) ? 'direct' : 'stock');
let selector: ConvSelector = defaultConvSelector;

/** Lets a benchmark compare the methods per layer shape ('direct' falls back where it does not fit). */
export const setWasmConvSelector = (s: ConvSelector): void => {
  selector = s;
};

type ConvAttrs = tf.Conv2DAttrs & Partial<Pick<tf.FusedConv2DAttrs, 'activation'>>;

const isOne = (d: number | [number, number] | undefined): boolean =>
  d === undefined || (Array.isArray(d) ? d.every((v) => v === 1) : d === 1);

/** The geometry when our kernel can run this call, else undefined (tfjs's kernel runs it). */
const directGeometry = (x: tf.TensorInfo, filter: tf.TensorInfo, a: ConvAttrs): ConvGeometry | undefined => {
  if (a.dataFormat !== 'NHWC' || !isOne(a.dilations)) return undefined;
  const g = convGeometry(x.shape as [number, number, number, number], filter.shape as [number, number, number, number], a.strides, a.pad, a.dimRoundingMode, 'NHWC');
  return directConvFits(g) && selector(g) === 'direct' ? g : undefined;
};

const fallback = (stock: tf.KernelConfig | undefined, name: string, args: Parameters<tf.KernelFunc>[0]) => {
  if (stock === undefined) throw new Error(`${name}: no stock wasm kernel to fall back to`);
  return stock.kernelFunc(args);
};

export const makeWasmConv2DConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName: tf.Conv2D,
  backendName: 'wasm',
  ...withStockSetup(stock),
  kernelFunc: (args) => {
    const [x, filter] = [input(args.inputs, 'x'), input(args.inputs, 'filter')];
    const g = directGeometry(x, filter, args.attrs as unknown as ConvAttrs);
    return g === undefined ? fallback(stock, tf.Conv2D, args) : conv2dDirect(asBackend(args.backend), x, filter, g);
  },
});

/** The inference path's conv + folded batch norm (bias) + ReLU, in one pass over the output. */
export const makeWasmFusedConv2DConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName: tf.FusedConv2D,
  backendName: 'wasm',
  ...withStockSetup(stock),
  kernelFunc: (args) => {
    const [x, filter, bias] = [input(args.inputs, 'x'), input(args.inputs, 'filter'), args.inputs['bias']];
    const a = args.attrs as unknown as ConvAttrs;
    const activation = a.activation ?? 'linear';
    const supported =
      (activation === 'linear' || activation === 'relu') &&
      args.inputs['preluActivationWeights'] === undefined &&
      (bias === undefined || tf.util.sizeFromShape(bias.shape) === (filter.shape[3] as number));
    const g = supported ? directGeometry(x, filter, a) : undefined;
    if (g === undefined) return fallback(stock, tf.FusedConv2D, args);
    const epilogue = bias === undefined ? { relu: activation === 'relu' } : { bias, relu: activation === 'relu' };
    return conv2dDirect(asBackend(args.backend), x, filter, g, epilogue);
  },
});
