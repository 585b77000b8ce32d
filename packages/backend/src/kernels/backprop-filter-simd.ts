import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry.ts';
import { foldChunksModule } from './fold-chunks-module.ts';
import { padCopyModule, type PadShape } from './pad-copy-module.ts';
import { kernelThreadCount, runKernelCalls } from './kernel-threads.ts';
import { outerProductModule } from './simd-outer-product-module.ts';
import { heapAddress, makeWasmOutput, wasmHeap, type WasmHeap } from './wasm-heap.ts';
import { zeroFillModule } from './zero-fill-module.ts';

/** The SIMD kernel needs whole 8-channel output blocks (input channels are padded to 4s). */
export const simdFilterGradientFits = (g: ConvGeometry): boolean => g.outChannels % 8 === 0;

/**
 * x itself, or (for the 3-channel stem) a scratch copy with channels zero-padded to a multiple
 * of 4: a padded copy whose "rows" are pixels, one call per image over the kernel threads.
 */
const channelsIn4s = (heap: WasmHeap, xBase: number, g: ConvGeometry): { ptr: number; cp: number; scratch?: number } => {
  const [ci, pixels] = [g.inChannels, g.inHeight * g.inWidth];
  const cp = Math.ceil(ci / 4) * 4;
  if (cp === ci) return { ptr: xBase, cp };
  const shape: PadShape = { firstBytes: 0, rows: pixels, columnBytes: ci * 4, inRowBytes: ci * 4, outRowBytes: cp * 4, outImageBytes: pixels * cp * 4 };
  const scratch = heap.malloc(g.batch * shape.outImageBytes);
  const { key, bytes } = padCopyModule(heap.memory, shape);
  runKernelCalls(heap.memory, key, bytes, Array.from({ length: g.batch }, (_, n) => [xBase + n * pixels * ci * 4, scratch + n * shape.outImageBytes]));
  return { ptr: scratch, cp, scratch };
};

/** Values one fold call adds up: small enough that a layer's fold splits over the threads, its sums in L1. */
const FOLD_PIECE = 1024;

/**
 * dW [taps, ci, co] from the chunks' padded sums [taps, cp, co] (a tap's first ci rows are
 * contiguous), folded in chunk order by calls of up to FOLD_PIECE values each.
 */
const foldCalls = (acc: number, sums: number, dW: number, taps: number, ci: number, cp: number, co: number): number[][] =>
  Array.from({ length: taps }, (_, t) =>
    Array.from({ length: Math.ceil((ci * co) / FOLD_PIECE) }, (_, k) => {
      const [from, to] = [t * cp * co + k * FOLD_PIECE, t * ci * co + k * FOLD_PIECE];
      return [acc + from * 4, sums + to * 8, dW + to * 4, Math.min(FOLD_PIECE, ci * co - k * FOLD_PIECE)];
    }),
  ).flat();

/**
 * Terms one float32 accumulator sums before its chunk is added into the float64 total: long
 * enough that small images (8x8 in stage 3) stream many images per kernel call, short enough
 * that float32 rounding stays far inside the 1e-5 reference tolerance. Measured 256-2048 back to
 * back: 512-1024 best, 2048 ~15 % slower on stages 2-3, 256 slower on 1x1 (that was before the
 * kernel took a chunk image by image, when every accumulator block streamed the whole chunk).
 */
const TERMS_PER_CHUNK = 1024;

/**
 * Bytes of x and dy rows the kernel takes per tile: every accumulator block then reads them from
 * L1. Measured on 16x16x32 at 1 thread against whole images: 17.1 -> 14.5 ms (4-32 KB all gain).
 */
const TILE_BYTES = 16384;
const tileRows = (len: number, ci: number, co: number): number => Math.max(1, Math.floor(TILE_BYTES / (len * (ci + co) * 4)));

/** Appends to `calls` the kernel calls of one chunk of images, one per filter tap that meets the image; accumulators at `acc`. */
const addChunkCalls = (calls: number[][], g: ConvGeometry, ci: number, xAt: number, dyAt: number, images: number, acc: number): void => {
  const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, outChannels: co } = g;
  for (let kh = 0; kh < g.filterHeight; kh++) {
    // Output rows whose tap row lands inside the image: iy = oy*sh + kh - padTop in [0, h).
    const oyLo = Math.max(0, Math.ceil((g.padTop - kh) / g.strideHeight));
    const oyHi = Math.min(oh, Math.floor((h - 1 + g.padTop - kh) / g.strideHeight) + 1);
    if (oyHi <= oyLo) continue;
    const iy = oyLo * g.strideHeight + kh - g.padTop;
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const lo = Math.max(0, Math.ceil((g.padLeft - kw) / g.strideWidth));
      const hi = Math.min(ow, Math.floor((w - 1 + g.padLeft - kw) / g.strideWidth) + 1);
      if (hi <= lo) continue;
      calls.push([
        xAt + ((iy * w + lo * g.strideWidth + kw - g.padLeft) * ci) * 4, g.strideWidth * ci * 4,
        dyAt + ((oyLo * ow + lo) * co) * 4, co * 4, hi - lo,
        acc + (kh * g.filterWidth + kw) * ci * co * 4, ci, oyHi - oyLo, g.strideHeight * w * ci * 4, ow * co * 4,
        images, h * w * ci * 4, oh * ow * co * 4, tileRows(hi - lo, ci, co),
      ]);
    }
  }
};

/**
 * A chunk's taps all read the same images of x and dy: claimed together, they find them in one
 * core's L2 instead of each core pulling them in (stage 1: one image a chunk, 9 taps). Only where
 * there are chunks enough to share: stage 3's 8 chunks of 16 images ran slower as 8 claims.
 * Measured on Conv2DBackpropFilter alone, 2 threads, batch 128: 32x32x16 10.3 -> 9.5 ms; 8x8x64 11.6 -> 13.2 ms.
 */
const tapsPerClaim = (chunks: number, taps: number, threads: number): number => (chunks >= 32 * threads ? taps : 1);

/**
 * Conv2DBackpropFilter by direct accumulation: for each chunk of images and every filter tap, over all output rows at once, the
 * SIMD kernel adds the outer products of the rows' input pixels (ci) and dy pixels (co) into that
 * chunk's block for the tap, reading both tensors in place (no transposes, no im2col). Chunks
 * have accumulators of their own, so the kernel threads can take any call; their float32 sums
 * are added in float64 in chunk order (a pass of its own, split by value ranges), the same result
 * whatever the thread count.
 */
export const backpropFilterSimd = (backend: tf.KernelBackend, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo => {
  const heap = wasmHeap(backend);
  const { outHeight: oh, outWidth: ow, outChannels: co } = g;
  const taps = g.filterHeight * g.filterWidth;
  const padded = channelsIn4s(heap, heapAddress(backend, x), g);
  const ci = padded.cp;
  const chunk = Math.max(1, Math.floor(TERMS_PER_CHUNK / (oh * ow)));
  const chunks = Math.ceil(g.batch / chunk);
  const accSize = taps * ci * co;
  const accPtr = heap.malloc(chunks * accSize * 4);
  // Each chunk's accumulators zeroed by a call of their own: on the kernel threads, not the main thread alone.
  const zero = zeroFillModule(heap.memory);
  runKernelCalls(heap.memory, zero.key, zero.bytes, Array.from({ length: chunks }, (_, c) => [accPtr + c * accSize * 4, accSize * 4]));
  const dyBase = heapAddress(backend, dy);
  const calls: number[][] = [];
  for (let c = 0, n = 0; c < chunks; c++, n += chunk) {
    addChunkCalls(calls, g, ci, padded.ptr + n * g.inHeight * g.inWidth * ci * 4, dyBase + n * oh * ow * co * 4, Math.min(chunk, g.batch - n), accPtr + c * accSize * 4);
  }
  const { key, bytes } = outerProductModule(heap.memory, co);
  runKernelCalls(heap.memory, key, bytes, calls, { grain: tapsPerClaim(chunks, calls.length / chunks, kernelThreadCount(heap.memory)) });
  const dW = makeWasmOutput(backend, [g.filterHeight, g.filterWidth, g.inChannels, co], 'float32');
  const sums = heap.malloc(taps * g.inChannels * co * 8);
  const fold = foldChunksModule(heap.memory, chunks, accSize * 4);
  runKernelCalls(heap.memory, fold.key, fold.bytes, foldCalls(accPtr, sums, heapAddress(backend, dW), taps, g.inChannels, ci, co));
  heap.free(sums);
  heap.free(accPtr);
  if (padded.scratch !== undefined) heap.free(padded.scratch);
  return dW;
};
