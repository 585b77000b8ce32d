import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry.ts';
import { runKernelCalls } from './kernel-threads.ts';
import { convRowsModule, convShapeFits, type ConvShape } from './simd-conv-module.ts';
import { heapAddress, makeWasmOutput, wasmHeap, type WasmHeap } from './wasm-heap.ts';

/** Our SIMD convolution takes output channels in 8s and output rows in 4-pixel blocks. */
export const directConvFits = (g: ConvGeometry): boolean => convShapeFits(g.outChannels, g.outWidth);

interface PaddedInput {
  readonly ptr: number;
  readonly rowBytes: number;
  readonly imageBytes: number;
  /** Set when `ptr` is a scratch copy the caller frees. */
  readonly scratch: boolean;
}

/**
 * x itself where every window stays inside it; else a zero-padded copy exactly as large as the
 * windows reach, so the kernel never tests a bound. The copy is one pass over x, against
 * filterHeight * filterWidth * outChannels multiply-adds per input value.
 */
const paddedInput = (heap: WasmHeap, x: number, g: ConvGeometry): PaddedInput => {
  const c = g.inChannels;
  const height = (g.outHeight - 1) * g.strideHeight + g.filterHeight;
  const width = (g.outWidth - 1) * g.strideWidth + g.filterWidth;
  if (g.padTop === 0 && g.padLeft === 0 && height <= g.inHeight && width <= g.inWidth) {
    return { ptr: x, rowBytes: g.inWidth * c * 4, imageBytes: g.inHeight * g.inWidth * c * 4, scratch: false };
  }
  const ptr = heap.malloc(g.batch * height * width * c * 4);
  const dst = new Float32Array(heap.memory.buffer, ptr, g.batch * height * width * c);
  const src = new Float32Array(heap.memory.buffer, x, g.batch * g.inHeight * g.inWidth * c);
  const columns = Math.min(g.inWidth, width - g.padLeft) * c;
  const [firstRow, endRow] = [g.padTop, Math.min(height, g.inHeight + g.padTop)];
  // Zeroes only what no row covers: a row's right padding and the next row's left padding are
  // one run, and so are the top (bottom) rows with the first (last) row's left (right) padding.
  let zeroFrom = 0;
  for (let n = 0; n < g.batch; n++) {
    for (let row = firstRow; row < endRow; row++) {
      const to = ((n * height + row) * width + g.padLeft) * c;
      dst.fill(0, zeroFrom, to);
      const from = (n * g.inHeight + row - g.padTop) * g.inWidth * c;
      dst.set(src.subarray(from, from + columns), to);
      zeroFrom = to + columns;
    }
  }
  dst.fill(0, zeroFrom);
  return { ptr, rowBytes: width * c * 4, imageBytes: height * width * c * 4, scratch: true };
};

/**
 * Conv2D (optionally + bias, + ReLU) by the direct SIMD kernel, one call per image, spread over
 * the kernel threads where there are some. Requires
 * `directConvFits(g)`, dilation 1 and NHWC; `bias` has shape [outChannels].
 */
export const conv2dDirect = (
  backend: tf.KernelBackend,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  epilogue: { readonly bias?: tf.TensorInfo; readonly relu: boolean } = { relu: false },
): tf.TensorInfo => {
  const out = makeWasmOutput(backend, [g.batch, g.outHeight, g.outWidth, g.outChannels], 'float32');
  const heap = wasmHeap(backend);
  const input = paddedInput(heap, heapAddress(backend, x), g);
  const shape: ConvShape = {
    co: g.outChannels,
    outWidth: g.outWidth,
    filterHeight: g.filterHeight,
    rowTaps: g.filterWidth * g.inChannels,
    pixelStride: g.strideWidth * g.inChannels * 4,
    inRowBytes: input.rowBytes,
    rowStep: g.strideHeight * input.rowBytes,
    bias: epilogue.bias !== undefined,
    relu: epilogue.relu,
  };
  const { key, bytes } = convRowsModule(heap.memory, shape);
  const [w, o] = [heapAddress(backend, filter), heapAddress(backend, out)];
  const bias = epilogue.bias === undefined ? 0 : heapAddress(backend, epilogue.bias);
  const outImageBytes = g.outHeight * g.outWidth * g.outChannels * 4;
  const calls = Array.from({ length: g.batch }, (_, n) => [input.ptr + n * input.imageBytes, w, o + n * outImageBytes, bias, g.outHeight]);
  runKernelCalls(heap.memory, key, bytes, calls);
  if (input.scratch) heap.free(input.ptr);
  return out;
};
