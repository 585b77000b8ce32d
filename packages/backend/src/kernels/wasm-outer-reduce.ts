import * as tf from '@tensorflow/tfjs';
import { asBackend, input } from './kernel-call.ts';
import { leadingAxesCount, outerSum } from './outer-sum.ts';
import { heapView, makeWasmOutput } from './wasm-heap.ts';

/**
 * Sum and Mean over leading axes (a batch norm's [0,1,2] of NHWC) in one pass in memory
 * order; the stock kernels first transpose the whole tensor to make those axes innermost.
 * Everything else goes to the stock kernel.
 */
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
    if (leading === 0 || x.dtype !== 'float32' || outer === 0) {
      if (stock === undefined) throw new Error(`${kernelName} over axes ${axes.join(',')} is not registered for wasm`);
      return stock.kernelFunc(args);
    }
    const kept = x.shape.slice(leading);
    const shape = keepDims === true ? [...x.shape.slice(0, leading).map(() => 1), ...kept] : kept;
    const backend = asBackend(args.backend);
    const out = makeWasmOutput(backend, shape, 'float32');
    const inner = kept.reduce((a, b) => a * b, 1);
    const scale = kernelName === 'Mean' ? 1 / outer : 1;
    outerSum(heapView(backend, x), outer, inner, scale, heapView(backend, out) as Float32Array);
    return out;
  },
});

export const makeWasmSumConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => makeConfig('Sum', stock);
export const makeWasmMeanConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => makeConfig('Mean', stock);
