import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Describes what the wasm backend will run on, from the feature flags tfjs-backend-wasm itself uses. */
export const wasmDevice = async (): Promise<string> => {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  // tfjs-backend-wasm never starts worker threads under Node by itself (tfjs#3830); initWasmThreads does.
  return `CPU, wasm ${simd === true ? 'SIMD' : 'without SIMD'}, ${threads === true ? 'multi-threaded' : '1 thread'}`;
};
