import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry.ts';
import { kernelThreadCount, runKernelCalls } from './kernel-threads.ts';
import type { PadShape } from './pad-copy-module.ts';
import { paddedConvModule } from './padded-conv-module.ts';
import { convRowsModule, convShapeFits, type ConvShape } from './simd-conv-module.ts';
import { heapAddress, makeWasmOutput, wasmHeap } from './wasm-heap.ts';

/** Our SIMD convolution takes output channels in 8s and output rows in 4-pixel blocks. */
export const directConvFits = (g: ConvGeometry): boolean => convShapeFits(g.outChannels, g.outWidth);

/**
 * Where x's windows leave it, the zero-padded image they read: exactly as large as the windows
 * reach, so the kernel never tests a bound; undefined where every window stays inside x.
 */
const padShape = (g: ConvGeometry): PadShape | undefined => {
  const c = g.inChannels;
  const height = (g.outHeight - 1) * g.strideHeight + g.filterHeight;
  const width = (g.outWidth - 1) * g.strideWidth + g.filterWidth;
  if (g.padTop === 0 && g.padLeft === 0 && height <= g.inHeight && width <= g.inWidth) return undefined;
  return {
    firstBytes: (g.padTop * width + g.padLeft) * c * 4,
    rows: Math.min(height, g.inHeight + g.padTop) - g.padTop,
    columnBytes: Math.min(g.inWidth, width - g.padLeft) * c * 4,
    inRowBytes: g.inWidth * c * 4,
    outRowBytes: width * c * 4,
    outImageBytes: height * width * c * 4,
  };
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
  const pad = padShape(g);
  const inRowBytes = pad?.outRowBytes ?? g.inWidth * g.inChannels * 4;
  const shape: ConvShape = {
    co: g.outChannels,
    outWidth: g.outWidth,
    filterHeight: g.filterHeight,
    rowTaps: g.filterWidth * g.inChannels,
    pixelStride: g.strideWidth * g.inChannels * 4,
    inRowBytes,
    rowStep: g.strideHeight * inRowBytes,
    bias: epilogue.bias !== undefined,
    relu: epilogue.relu,
  };
  const [xp, w, o] = [heapAddress(backend, x), heapAddress(backend, filter), heapAddress(backend, out)];
  const bias = epilogue.bias === undefined ? 0 : heapAddress(backend, epilogue.bias);
  const inImageBytes = g.inHeight * g.inWidth * g.inChannels * 4;
  const outImageBytes = g.outHeight * g.outWidth * g.outChannels * 4;
  const calls = Array.from({ length: g.batch }, (_, n) => [xp + n * inImageBytes, w, o + n * outImageBytes, bias, g.outHeight]);
  if (pad === undefined) {
    const { key, bytes } = convRowsModule(heap.memory, shape);
    runKernelCalls(heap.memory, key, bytes, calls);
    return out;
  }
  // Each call pads its image into its thread's scratch block, then convolves it (see paddedConvModule).
  const padded = heap.malloc(kernelThreadCount(heap.memory) * pad.outImageBytes);
  const { key, bytes } = paddedConvModule(heap.memory, pad, shape);
  try {
    runKernelCalls(heap.memory, key, bytes, calls, { scratch: { base: padded, bytes: pad.outImageBytes } });
  } finally {
    heap.free(padded);
  }
  return out;
};
