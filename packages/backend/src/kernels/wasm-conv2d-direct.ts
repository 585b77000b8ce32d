import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry.ts';
import { runKernelCalls } from './kernel-threads.ts';
import { padCopyModule, type PadShape } from './pad-copy-module.ts';
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
 * filterHeight * filterWidth * outChannels multiply-adds per input value, one call per image
 * spread over the kernel threads like the convolution after it.
 */
const paddedInput = (heap: WasmHeap, x: number, g: ConvGeometry): PaddedInput => {
  const c = g.inChannels;
  const height = (g.outHeight - 1) * g.strideHeight + g.filterHeight;
  const width = (g.outWidth - 1) * g.strideWidth + g.filterWidth;
  if (g.padTop === 0 && g.padLeft === 0 && height <= g.inHeight && width <= g.inWidth) {
    return { ptr: x, rowBytes: g.inWidth * c * 4, imageBytes: g.inHeight * g.inWidth * c * 4, scratch: false };
  }
  const shape: PadShape = {
    firstBytes: (g.padTop * width + g.padLeft) * c * 4,
    rows: Math.min(height, g.inHeight + g.padTop) - g.padTop,
    columnBytes: Math.min(g.inWidth, width - g.padLeft) * c * 4,
    inRowBytes: g.inWidth * c * 4,
    outRowBytes: width * c * 4,
    outImageBytes: height * width * c * 4,
  };
  const ptr = heap.malloc(g.batch * shape.outImageBytes);
  const inImageBytes = g.inHeight * shape.inRowBytes;
  const { key, bytes } = padCopyModule(heap.memory, shape);
  runKernelCalls(heap.memory, key, bytes, Array.from({ length: g.batch }, (_, n) => [x + n * inImageBytes, ptr + n * shape.outImageBytes]));
  return { ptr, rowBytes: shape.outRowBytes, imageBytes: shape.outImageBytes, scratch: true };
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
