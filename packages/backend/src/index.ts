export { registerTrainingKernels, trainingKernelConfigs } from './register-training-kernels.ts';
export {
  defaultBackpropInputSelector,
  setWasmBackpropInputSelector,
  type BackpropInputMethod,
  type BackpropInputSelector,
} from './kernels/wasm-conv2d-backprop-input.ts';
export {
  defaultBackpropFilterSelector,
  setWasmBackpropFilterSelector,
  type BackpropFilterMethod,
} from './kernels/wasm-conv2d-backprop-filter.ts';
export { defaultConvSelector, setWasmConvSelector, type ConvMethod, type ConvSelector } from './kernels/wasm-conv2d.ts';
export { relaxedSimd } from './kernels/relaxed-simd.ts';
export { convGeometry, convFlops, type ConvGeometry } from './kernels/conv-geometry.ts';
export { chooseBackend, initBackend, releaseBackend, type InitOptions } from './choose-backend.ts';
export { memorySnapshot, type MemorySnapshot } from './memory-snapshot.ts';
export { peakBufferBytes } from './buffer-peak.ts';
export * from './pure/index.ts';
export { formatProfile, profileKernels, type KernelTime } from './kernel-profiler.ts';
export { initWasmThreads } from './wasm-threads.ts';
export { kernelThreadStats, withMainThreadOnly } from './kernels/kernel-threads.ts';
export { batchNormGradKernel, batchNormTrainKernel } from './kernels/wasm-batch-norm.ts';
export { sgdUpdateKernel } from './kernels/wasm-sgd-update.ts';
