import * as tf from '@tensorflow/tfjs';
import { asBackend, input } from './kernel-call.ts';
import { runKernelCalls } from './kernel-threads.ts';
import { sgdModule, type SgdRule } from './simd-sgd-module.ts';
import { heapAddress, heapView, makeWasmOutput, wasmHeap } from './wasm-heap.ts';

/** The kernel @resnet-cifar/optim looks up by name (it updates with tf ops without it). */
export const sgdUpdateKernel = 'ResnetSgdUpdate';

/** Values per call: a variable of more spreads over the kernel threads. */
const CHUNK = 16384;

interface SgdAttrs extends SgdRule {
  readonly lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
}

/** The last values past whole vectors, by the same float32 operations in the same order. */
const updateTail = (r: SgdAttrs, [w, v, g, wOut, vOut]: readonly Float32Array[], from: number): void => {
  const [lr, m, wd] = [r.lr, r.momentum, r.weightDecay].map(Math.fround) as [number, number, number];
  const f = Math.fround;
  for (let i = from; i < (w as Float32Array).length; i++) {
    const [wi, vi, gi] = [w![i] as number, v![i] as number, g![i] as number];
    const d = r.decay ? f(gi + f(wi * wd)) : gi;
    if (r.form === 'neon') {
      const step = f(d * lr);
      const vn = f(f(vi * m) - step);
      [wOut![i], vOut![i]] = [f(wi + (r.nesterov ? f(f(vn * m) - step) : vn)), vn];
    } else {
      const vn = f(f(vi * m) + d);
      [wOut![i], vOut![i]] = [f(wi - f((r.nesterov ? f(d + f(vn * m)) : vn) * lr)), vn];
    }
  }
};

/**
 * One variable's SGD update, [w', v'] from w, v, g: the 6 tf ops and 3 scalar uploads of optim's
 * update in one kernel, its float32 operations unchanged (so the same bits), large variables
 * spread over the kernel threads in CHUNK-value calls.
 */
const sgdUpdate: tf.KernelFunc = ({ inputs, attrs, backend: b }) => {
  const backend = asBackend(b);
  const [w, v, g] = [input(inputs, 'w'), input(inputs, 'v'), input(inputs, 'g')];
  const a = attrs as unknown as Omit<SgdAttrs, 'decay'>;
  const rule: SgdAttrs = { ...a, decay: a.weightDecay !== 0 };
  const size = tf.util.sizeFromShape(w.shape);
  const [wOut, vOut] = [makeWasmOutput(backend, [...w.shape], 'float32'), makeWasmOutput(backend, [...w.shape], 'float32')];
  const heap = wasmHeap(backend);
  const constants = heap.malloc(16);
  new Float32Array(heap.memory.buffer, constants, 3).set([rule.lr, rule.momentum, rule.weightDecay]);
  const [pw, pv, pg, pwo, pvo] = [w, v, g, wOut, vOut].map((t) => heapAddress(backend, t)) as [number, number, number, number, number];
  const whole = size - (size % 4);
  const calls = Array.from({ length: Math.ceil(whole / CHUNK) }, (_, k) => {
    const at = k * CHUNK * 4;
    return [pw + at, pv + at, pg + at, constants, pwo + at, pvo + at, Math.min(CHUNK, whole - k * CHUNK) / 4];
  });
  const { key, bytes } = sgdModule(heap.memory, rule);
  if (calls.length > 0) runKernelCalls(heap.memory, key, bytes, calls);
  heap.free(constants);
  if (whole < size) updateTail(rule, [w, v, g, wOut, vOut].map((t) => heapView(backend, t) as Float32Array), whole);
  return [wOut, vOut];
};

export const wasmSgdUpdateConfig: tf.KernelConfig = { kernelName: sgdUpdateKernel, backendName: 'wasm', kernelFunc: sgdUpdate };
