import * as tf from '@tensorflow/tfjs';
import { heapView, makeWasmOutput } from './wasm-heap.ts';

/**
 * Spreads an NHWC tensor apart by the stride, zeros between: [n,h,w,c] -> [n,(h-1)sh+1,(w-1)sw+1,c].
 * A strided convolution's input gradient is a stride-1 convolution of this.
 */
export const wasmDilate = (
  backend: tf.KernelBackend,
  x: tf.TensorInfo,
  strideHeight: number,
  strideWidth: number,
): tf.TensorInfo => {
  const [n = 1, h = 1, w = 1, c = 1] = x.shape;
  const oh = (h - 1) * strideHeight + 1;
  const ow = (w - 1) * strideWidth + 1;
  const out = makeWasmOutput(backend, [n, oh, ow, c], 'float32');
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  dst.fill(0);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      const srcRow = (b * h + i) * w * c;
      const dstRow = (b * oh + i * strideHeight) * ow * c;
      for (let j = 0; j < w; j++) {
        dst.set(src.subarray(srcRow + j * c, srcRow + (j + 1) * c), dstRow + j * strideWidth * c);
      }
    }
  }
  return out;
};
