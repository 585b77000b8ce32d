import * as tf from '@tensorflow/tfjs';
import { asBackend, callKernel, input, withStockSetup } from './kernel-call.ts';
import { leadingAxesCount, normalizedAxes } from './leading-axes.ts';
import { imageChannelSums } from './wasm-batch-norm.ts';
import { heapAddress, heapView, makeWasmOutput, wasmHeap } from './wasm-heap.ts';

/**
 * Sum and Mean over leading axes (a batch norm's [0,1,2] of NHWC) as one XNNPACK average
 * pool: x seen as [1, outer, 1, inner], pooled by an [outer, 1] window. The stock kernels
 * first transpose the whole tensor to make those axes innermost (about 25x slower here); a
 * BatchMatMul with a row of ones is slower still, as XNNPACK repacks its fresh right operand.
 * Mean over the pixels of NHWC (pixelMean) has a pass of its own; everything else goes to the
 * stock kernel.
 */
const reduceLeading = (backend: tf.KernelBackend, x: tf.TensorInfo, leading: number, isMean: boolean): tf.TensorInfo => {
  const outer = x.shape.slice(0, leading).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(leading).reduce((a, b) => a * b, 1);
  const column = { dataId: x.dataId, shape: [1, outer, 1, inner], dtype: x.dtype };
  const attrs = { filterSize: [outer, 1], strides: 1, pad: 'valid' };
  const out = callKernel('wasm', backend, tf.AvgPool, { x: column }, attrs);
  if (!isMean) {
    const values = heapView(backend, out);
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * outer;
  }
  return out;
};

/**
 * Mean over axes 1 and 2 of NHWC (the global average pool), channels in 4s: each image's sums
 * in pixel order, divided by h w, which is what the stock kernel computes after transposing the
 * whole tensor (1.2-1.5 ms a ResNet-20 step on the main thread alone). Bit for bit the same: an
 * XNNPACK average pool, which sums in another order, moved the fidelity test off the PyTorch peer.
 */
const pixelMean = (backend: tf.KernelBackend, x: tf.TensorInfo, axes: readonly number[], keepDims: boolean): tf.TensorInfo | undefined => {
  if (x.shape.length !== 4 || normalizedAxes(axes, 4).join() !== '1,2' || x.dtype !== 'float32' || x.shape.includes(0)) return undefined;
  const [n, h, w, c] = x.shape as [number, number, number, number];
  if (c % 4 !== 0) return undefined;
  const sums = imageChannelSums(wasmHeap(backend), heapAddress(backend, x), n, h * w, c);
  const out = makeWasmOutput(backend, keepDims ? [n, 1, 1, c] : [n, c], 'float32');
  const values = heapView(backend, out);
  for (let i = 0; i < sums.length; i++) values[i] = (sums[i] as number) / (h * w);
  return out;
};

const makeConfig = (kernelName: 'Sum' | 'Mean', stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  ...withStockSetup(stock),
  kernelFunc: (args) => {
    const x = input(args.inputs, 'x');
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    // A null axis means every axis: the stock kernel needs no transpose for that.
    const axes = axis === null || axis === undefined ? [] : typeof axis === 'number' ? [axis] : [...axis];
    const pixels = kernelName === 'Mean' ? pixelMean(asBackend(args.backend), x, axes, keepDims === true) : undefined;
    if (pixels !== undefined) return pixels;
    const leading = leadingAxesCount(axes, x.shape.length);
    const outer = x.shape.slice(0, leading).reduce((a, b) => a * b, 1);
    if (leading === 0 || x.dtype !== 'float32' || outer === 0 || x.shape.includes(0)) {
      if (stock === undefined) throw new Error(`${kernelName} over axes ${axes.join(',')} is not registered for wasm`);
      return stock.kernelFunc(args);
    }
    const out = reduceLeading(asBackend(args.backend), x, leading, kernelName === 'Mean');
    const kept = x.shape.slice(leading);
    // Same buffer, final shape, as the stock kernels do for keepDims.
    return { ...out, shape: keepDims === true ? [...x.shape.slice(0, leading).map(() => 1), ...kept] : kept };
  },
});

export const makeWasmSumConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => makeConfig('Sum', stock);
export const makeWasmMeanConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => makeConfig('Mean', stock);
