import * as tf from '@tensorflow/tfjs';

type Backend = tf.KernelBackend;
type Inputs = tf.NamedTensorInfoMap;
type Attrs = tf.NamedAttrMap;

/**
 * Runs another kernel registered for `backendName` from inside a kernel, so a composite kernel
 * reuses the backend's native code (XNNPACK on wasm) instead of looping in JS.
 * The returned TensorInfo is the caller's: free it with `disposeInfos` unless it is the output.
 */
export const callKernel = (
  backendName: string,
  backend: Backend,
  kernelName: string,
  inputs: Inputs,
  attrs: Attrs = {},
): tf.TensorInfo => {
  const config = tf.getKernel(kernelName, backendName);
  if (config === undefined) throw new Error(`kernel ${kernelName} is not registered for ${backendName}`);
  const out = config.kernelFunc({ inputs, attrs, backend });
  if (Array.isArray(out)) throw new Error(`kernel ${kernelName} returned several outputs`);
  return out;
};

/** Frees intermediate results that never became tensors (the engine does not track them). */
export const disposeInfos = (backend: Backend, infos: readonly tf.TensorInfo[]): void => {
  for (const info of infos) backend.disposeData(info.dataId);
};

/** A kernel's named input; its absence is a bug in the caller, not an expected failure. */
export const input = (inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo => {
  const info = inputs[name];
  if (info === undefined) throw new Error(`kernel input ${name} is missing`);
  return info;
};

/** tfjs types a kernel's backend as `{}`; every backend that runs kernels is a KernelBackend. */
export const asBackend = (backend: unknown): tf.KernelBackend => backend as tf.KernelBackend;

/**
 * The stock kernel's setup, for a kernel of ours that falls back to it: on wasm the setup binds
 * the C++ function the stock kernelFunc calls.
 */
export const withStockSetup = (stock: tf.KernelConfig | undefined): Partial<tf.KernelConfig> =>
  stock?.setupFunc === undefined ? {} : { setupFunc: stock.setupFunc };
