import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { ConvGeometry } from './conv-geometry.ts';
import { outerProductKernel } from './simd-outer-product-module.ts';
import type { WasmMemory } from './wasm-assembler.ts';
import { makeWasmOutput } from './wasm-heap.ts';

interface WasmModule {
  readonly asm?: { readonly memory?: WasmMemory };
  readonly wasmMemory?: WasmMemory;
  readonly _malloc: (bytes: number) => number;
  readonly _free: (ptr: number) => void;
  readonly HEAPF32: Float32Array;
}

const moduleOf = (backend: tf.KernelBackend): WasmModule => (backend as BackendWasm).wasm as unknown as WasmModule;
const offsetOf = (backend: tf.KernelBackend, info: tf.TensorInfo): number =>
  ((backend as BackendWasm).dataIdMap.get(info.dataId) as { memoryOffset: number }).memoryOffset;

/** The SIMD kernel needs whole 4-channel input and 8-channel output blocks. */
export const simdFilterGradientFits = (g: ConvGeometry): boolean => g.inChannels % 4 === 0 && g.outChannels % 8 === 0;

/**
 * Conv2DBackpropFilter by direct accumulation: for every image and filter tap, over all output rows at once, the
 * SIMD kernel adds the outer products of the row's input pixels (ci) and dy pixels (co) into that
 * tap's block, reading both tensors in place (no transposes, no im2col). Per-image sums are
 * float32 (oh*ow terms), added over the batch in float64.
 */
export const backpropFilterSimd = (backend: tf.KernelBackend, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo => {
  const wasm = moduleOf(backend);
  const memory = wasm.asm?.memory ?? wasm.wasmMemory;
  if (memory === undefined) throw new Error('wasm backend memory not found');
  const { inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co } = g;
  const taps = g.filterHeight * g.filterWidth;
  const k = outerProductKernel(memory, co);
  const accPtr = wasm._malloc(taps * ci * co * 4);
  const total = new Float64Array(taps * ci * co);
  const [xBase, dyBase] = [offsetOf(backend, x), offsetOf(backend, dy)];
  const spans = Array.from({ length: g.filterWidth }, (_, kw) => {
    const lo = Math.max(0, Math.ceil((g.padLeft - kw) / g.strideWidth));
    const hi = Math.min(ow, Math.floor((w - 1 + g.padLeft - kw) / g.strideWidth) + 1);
    return [lo, hi] as const;
  });
  for (let n = 0; n < g.batch; n++) {
    new Float32Array(memory.buffer, accPtr, taps * ci * co).fill(0);
    for (let kh = 0; kh < g.filterHeight; kh++) {
      // Output rows whose tap row lands inside the image: iy = oy*sh + kh - padTop in [0, h).
      const oyLo = Math.max(0, Math.ceil((g.padTop - kh) / g.strideHeight));
      const oyHi = Math.min(oh, Math.floor((h - 1 + g.padTop - kh) / g.strideHeight) + 1);
      if (oyHi <= oyLo) continue;
      const iy = oyLo * g.strideHeight + kh - g.padTop;
      for (let kw = 0; kw < g.filterWidth; kw++) {
        const [lo, hi] = spans[kw] as readonly [number, number];
        if (hi <= lo) continue;
        const xAt = xBase + ((n * h + iy) * w + lo * g.strideWidth + kw - g.padLeft) * ci * 4;
        const dyAt = dyBase + ((n * oh + oyLo) * ow + lo) * co * 4;
        const acc = accPtr + (kh * g.filterWidth + kw) * ci * co * 4;
        k(xAt, g.strideWidth * ci * 4, dyAt, co * 4, hi - lo, acc, ci, oyHi - oyLo, g.strideHeight * w * ci * 4, ow * co * 4);
      }
    }
    const acc = new Float32Array(memory.buffer, accPtr, taps * ci * co);
    for (let i = 0; i < total.length; i++) total[i]! += acc[i] as number;
  }
  wasm._free(accPtr);
  const dW = makeWasmOutput(backend, [g.filterHeight, g.filterWidth, ci, co], 'float32');
  (backend as BackendWasm).typedArrayFromHeap(dW).set(total);
  return dW;
};
