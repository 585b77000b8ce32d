import * as tf from '@tensorflow/tfjs';
import { asBackend, callKernel, disposeInfos, input } from './kernel-call.ts';
import { leadingAxesCount } from './leading-axes.ts';
import { heapView, makeWasmOutput } from './wasm-heap.ts';

/**
 * Sum and Mean over leading axes (a batch norm's [0,1,2] of NHWC) as one XNNPACK product
 * [1, outer] x [outer, inner] with a row of ones (of 1/outer for Mean). The stock kernels
 * first transpose the whole tensor to make those axes innermost: about 30x slower here.
 * Everything else goes to the stock kernel.
 */
const reduceLeading = (backend: tf.KernelBackend, x: tf.TensorInfo, leading: number, scale: number): tf.TensorInfo => {
  const outer = x.shape.slice(0, leading).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(leading).reduce((a, b) => a * b, 1);
  const ones = makeWasmOutput(backend, [1, 1, outer], 'float32');
  heapView(backend, ones).fill(scale);
  const matrix = { dataId: x.dataId, shape: [1, outer, inner], dtype: x.dtype };
  const attrs = { transposeA: false, transposeB: false };
  const out = callKernel('wasm', backend, tf.BatchMatMul, { a: ones, b: matrix }, attrs);
  disposeInfos(backend, [ones]);
  return out;
};

const makeConfig = (kernelName: 'Sum' | 'Mean', stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  ...(stock?.setupFunc === undefined ? {} : { setupFunc: stock.setupFunc }),
  kernelFunc: (args) => {
    const x = input(args.inputs, 'x');
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    // A null axis means every axis: the stock kernel needs no transpose for that.
    const axes = axis === null || axis === undefined ? [] : typeof axis === 'number' ? [axis] : [...axis];
    const leading = leadingAxesCount(axes, x.shape.length);
    const outer = x.shape.slice(0, leading).reduce((a, b) => a * b, 1);
    if (leading === 0 || x.dtype !== 'float32' || outer === 0 || x.shape.includes(0)) {
      if (stock === undefined) throw new Error(`${kernelName} over axes ${axes.join(',')} is not registered for wasm`);
      return stock.kernelFunc(args);
    }
    const out = reduceLeading(asBackend(args.backend), x, leading, kernelName === 'Mean' ? 1 / outer : 1);
    const kept = x.shape.slice(leading);
    // Same buffer, final shape, as the stock kernels do for keepDims.
    return { ...out, shape: keepDims === true ? [...x.shape.slice(0, leading).map(() => 1), ...kept] : kept };
  },
});

export const makeWasmSumConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => makeConfig('Sum', stock);
export const makeWasmMeanConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => makeConfig('Mean', stock);
