import * as tf from '@tensorflow/tfjs';
import { asBackend, input } from './kernel-call.ts';

/**
 * Identity, and Cast to the same dtype, share the buffer (refcounted) as cpu's Identity and every
 * backend's Reshape do; stock wasm copies it, hundreds of times per training step (gradients clone).
 */
const share = (x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo => {
  (backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
};

export const makeWasmIdentityConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const x = input(args.inputs, 'x');
    // Strings live outside the heap; leave them to the stock kernel.
    if (x.dtype === 'string' && stock !== undefined) return stock.kernelFunc(args);
    return share(x, asBackend(args.backend));
  },
});

export const makeWasmCastConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName: tf.Cast,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const x = input(args.inputs, 'x');
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    if (dtype === x.dtype && dtype !== 'string') return share(x, asBackend(args.backend));
    if (stock === undefined) throw new Error(`Cast ${x.dtype} to ${dtype} is not registered for wasm`);
    return stock.kernelFunc(args);
  },
});
