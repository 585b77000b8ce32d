import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register-training-kernels.ts';
import { refBackpropFilter, refConv, refGeometry, type ConvCase } from './test-support/conv-reference.ts';
import { relativeError } from './test-support/relative-error.ts';
import { kernelThreadCount, kernelThreadStats, runKernelCalls, startKernelThreads, withMainThreadOnly } from './kernels/kernel-threads.ts';
import { moduleBytes, type WasmMemory } from './kernels/wasm-assembler.ts';
import { wasmHeap } from './kernels/wasm-heap.ts';
import { initWasmThreads } from './wasm-threads.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const k: ConvCase = { batch: 4, height: 17, width: 16, inChannels: 8, outChannels: 12, kernel: 3, stride: 1, padding: 'same' };

/**
 * `run` with the main thread alone, then with one kernel thread until the worker has taken calls
 * (it wakes in tens of µs, a job lasts about as long): every round must give the same values.
 */
const expectSameBitsWithAWorker = (memory: WasmMemory, run: () => number[][]): void => {
  startKernelThreads(memory, 0);
  const alone = run();
  startKernelThreads(memory, 1);
  const before = kernelThreadStats().byWorkers;
  for (let round = 0; round < 50 && kernelThreadStats().byWorkers === before; round++) expect(run()).toEqual(alone);
  expect(kernelThreadStats().byWorkers).toBeGreaterThan(before);
};

// One process per test file (vitest pool 'forks'): this file owns the wasm backend's first start.
describe('initWasmThreads', () => {
  it('starts the multi-threaded wasm binary under Node with 2 threads, whose conv and filter gradient match float64', async () => {
    registerTrainingKernels();
    const started = await initWasmThreads(2);
    expect(started).toEqual(E.right(2));
    expect(tf.getBackend()).toBe('wasm');
    const next = seededRandom(testSeed('wasm threads'));
    const g = refGeometry(k);
    const x = nonZeroValues(next, k.batch * k.height * k.width * k.inChannels);
    const w = nonZeroValues(next, 9 * k.inChannels * k.outChannels);
    const dy = nonZeroValues(next, k.batch * g.outHeight * g.outWidth * k.outChannels);
    const before = tf.memory().numTensors;
    const [y, dW] = tf.tidy(() => {
      const xt = tf.tensor4d(x, [k.batch, k.height, k.width, k.inChannels]);
      const dyt = tf.tensor4d(dy, [k.batch, g.outHeight, g.outWidth, k.outChannels]);
      const wt = tf.tensor4d(w, [3, 3, k.inChannels, k.outChannels]);
      return [tf.conv2d(xt, wt, 1, 'same').dataSync(), (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: xt, dy: dyt }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, k.inChannels, k.outChannels] }) as tf.Tensor).dataSync()];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(relativeError(y as Float32Array, refConv(k, x, w))).toBeLessThan(1e-5);
    expect(relativeError(dW as Float32Array, refBackpropFilter(k, x, dy))).toBeLessThan(1e-5);
  });

  it('runs our kernels on a kernel thread too, with results equal to float64 however the calls are shared', () => {
    expect(kernelThreadCount(wasmHeap(tf.backend()).memory)).toBe(2);
    const next = seededRandom(testSeed('kernel threads'));
    // Shapes our direct conv and SIMD filter gradient take; many calls, so both threads get some.
    const c: ConvCase = { batch: 24, height: 8, width: 8, inChannels: 16, outChannels: 16, kernel: 3, stride: 1, padding: 'same' };
    const x = nonZeroValues(next, c.batch * 8 * 8 * 16);
    const w = nonZeroValues(next, 9 * 16 * 16);
    const dy = nonZeroValues(next, c.batch * 8 * 8 * 16);
    const [yRef, dWRef] = [refConv(c, x, w), refBackpropFilter(c, x, dy)];
    const before = { tensors: tf.memory().numTensors, ...kernelThreadStats() };
    // Back-to-back jobs: a call claimed twice would add into the filter gradient's sums twice.
    for (let round = 0; round < 30; round++) {
      const [y, dW] = tf.tidy(() => {
        const xt = tf.tensor4d(x, [c.batch, 8, 8, 16]);
        const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 16] };
        const dWt = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: xt, dy: tf.tensor4d(dy, [c.batch, 8, 8, 16]) }, attrs) as tf.Tensor;
        return [tf.conv2d(xt, tf.tensor4d(w, [3, 3, 16, 16]), 1, 'same').dataSync(), dWt.dataSync()];
      });
      expect(relativeError(y as Float32Array, yRef)).toBeLessThan(1e-5);
      expect(relativeError(dW as Float32Array, dWRef)).toBeLessThan(1e-5);
    }
    expect(tf.memory().numTensors).toBe(before.tensors);
    const after = kernelThreadStats();
    expect(after.calls - before.calls).toBeGreaterThan(0);
    expect(after.byWorkers - before.byWorkers).toBeGreaterThan(0);
    expect(after.sharedMs - before.sharedMs).toBeGreaterThan(0);
  });

  it('a call that traps on any thread throws on the main thread, and the next job runs normally', () => {
    const memory = wasmHeap(tf.backend()).memory;
    const trapping = () => moduleBytes([{ params: 1, i32Locals: 0, v128Locals: 0, body: [0x00] }], true); // unreachable
    const calls = Array.from({ length: 256 }, (_, i) => [i]);
    expect(() => runKernelCalls(memory, 'test/trap', trapping, calls)).toThrow(/unreachable|failed/);
    // A kernel that writes its argument at 4 * argument: every call must have run exactly once.
    const at = wasmHeap(tf.backend()).malloc(4 * 256);
    const store = () => moduleBytes([{ params: 2, i32Locals: 0, v128Locals: 0, body: [0x20, 0x01, 0x20, 0x00, 0x36, 0x02, 0x00] }], true);
    runKernelCalls(memory, 'test/store', store, calls.map(([i]) => [i as number, at + 4 * (i as number)]));
    const written = new Int32Array(memory.buffer, at, 256);
    expect(Array.from(written)).toEqual(calls.map(([i]) => i));
    wasmHeap(tf.backend()).free(at);
  });

  it('with 3 kernel threads (more than this machine has cores) every call still runs exactly once, claimed alone or in groups', () => {
    const heap = wasmHeap(tf.backend());
    startKernelThreads(heap.memory, 3);
    try {
      expect(kernelThreadCount(heap.memory)).toBe(4);
      const store = () => moduleBytes([{ params: 2, i32Locals: 0, v128Locals: 0, body: [0x20, 0x01, 0x20, 0x00, 0x36, 0x02, 0x00] }], true);
      const at = heap.malloc(4 * 1000);
      for (let round = 1; round <= 20; round++) {
        const calls = Array.from({ length: 1000 }, (_, i) => [i * round, at + 4 * i]);
        // Claimed one call at a time, and in groups of 7 (the last group short).
        runKernelCalls(heap.memory, 'test/store', store, calls, { grain: round % 2 === 0 ? 7 : 1 });
        expect(Array.from(new Int32Array(heap.memory.buffer, at, 1000))).toEqual(calls.map(([v]) => v));
      }
      heap.free(at);
    } finally {
      startKernelThreads(heap.memory, 1);
    }
  });

  it("gives every call its own thread's scratch block, one per thread, as its last argument", () => {
    const heap = wasmHeap(tf.backend());
    startKernelThreads(heap.memory, 3);
    try {
      // f(v, out, where, scratch): scratch[0] = v; out[0] = scratch[0]; where[0] = scratch.
      const [store, load] = [[0x36, 0x02, 0x00], [0x28, 0x02, 0x00]];
      const get = (i: number) => [0x20, i];
      const body = [...get(3), ...get(0), ...store, ...get(1), ...get(3), ...load, ...store, ...get(2), ...get(3), ...store];
      const viaScratch = () => moduleBytes([{ params: 4, i32Locals: 0, v128Locals: 0, body }], true);
      const [at, where, bytes] = [heap.malloc(4 * 1000), heap.malloc(4 * 1000), 64];
      const base = heap.malloc(kernelThreadCount(heap.memory) * bytes);
      const blocks = Array.from({ length: kernelThreadCount(heap.memory) }, (_, t) => base + t * bytes);
      const seen = new Set<number>();
      // Fresh workers take tens of ms to start: rounds until one has taken calls (or 3000 of them).
      for (let round = 1; round <= 20 || (seen.size < 2 && round <= 3000); round++) {
        const calls = Array.from({ length: 1000 }, (_, i) => [i * round, at + 4 * i, where + 4 * i]);
        runKernelCalls(heap.memory, 'test/scratch', viaScratch, calls, { scratch: { base, bytes } });
        expect(Array.from(new Int32Array(heap.memory.buffer, at, 1000))).toEqual(calls.map(([v]) => v));
        new Uint32Array(heap.memory.buffer, where, 1000).forEach((s) => seen.add(s));
      }
      expect([...seen].every((s) => blocks.includes(s))).toBe(true);
      expect(seen.size).toBeGreaterThan(1); // the workers' blocks, not only the main thread's
      [at, where, base].forEach(heap.free);
    } finally {
      startKernelThreads(heap.memory, 1);
    }
  });

  it('withMainThreadOnly runs every call of its jobs on the main thread, and the kernel threads take calls again after it', () => {
    const heap = wasmHeap(tf.backend());
    const store = () => moduleBytes([{ params: 2, i32Locals: 0, v128Locals: 0, body: [0x20, 0x01, 0x20, 0x00, 0x36, 0x02, 0x00] }], true);
    const at = heap.malloc(4 * 1000);
    const calls = Array.from({ length: 1000 }, (_, i) => [i, at + 4 * i]);
    const before = kernelThreadStats().byWorkers;
    for (let round = 0; round < 200; round++) withMainThreadOnly(() => runKernelCalls(heap.memory, 'test/store', store, calls));
    expect(kernelThreadStats().byWorkers).toBe(before);
    expect(Array.from(new Int32Array(heap.memory.buffer, at, 1000))).toEqual(calls.map(([v]) => v));
    for (let round = 0; round < 3000 && kernelThreadStats().byWorkers === before; round++) runKernelCalls(heap.memory, 'test/store', store, calls);
    expect(kernelThreadStats().byWorkers).toBeGreaterThan(before);
    heap.free(at);
  });

  it('the training batch norm gives the same bits with 2 kernel threads as with the main thread alone', () => {
    const heap = wasmHeap(tf.backend());
    const next = seededRandom(testSeed('batch norm threads'));
    // 2x40x40 pixels: 7 moments chunks and 1 affine chunk; 17x17x24: odd chunk lengths.
    for (const shape of [[2, 40, 40, 16], [3, 17, 17, 24]]) {
      const c = shape[3] as number;
      const size = shape.reduce((a, b) => a * b, 1);
      const [x, dy] = [nonZeroValues(next, size).map((v) => 3 + 2 * v), nonZeroValues(next, size)];
      const [gamma, beta] = [nonZeroValues(next, c), nonZeroValues(next, c)];
      const both = () =>
        tf.tidy(() => {
          const xt = tf.tensor(x, shape);
          const [y, mean, variance] = tf.engine().runKernel('ResnetBatchNormTrain', { x: xt, gamma: tf.tensor(gamma), beta: tf.tensor(beta) }, { epsilon: 1e-3 }) as tf.Tensor[];
          const grads = tf.engine().runKernel('ResnetBatchNormGrad', { dy: tf.tensor(dy, shape), x: xt, mean: mean as tf.Tensor, variance: variance as tf.Tensor, gamma: tf.tensor(gamma) }, { epsilon: 1e-3 }) as tf.Tensor[];
          return [y, mean, variance, ...grads].map((t) => Array.from((t as tf.Tensor).dataSync()));
        });
      expectSameBitsWithAWorker(heap.memory, both);
    }
  });

  it('padded copies, the sub-pixel interleave, the filter gradient\'s fold, element-wise passes and the SGD update give the same bits with 2 kernel threads as with the main thread alone', () => {
    const heap = wasmHeap(tf.backend());
    const next = seededRandom(testSeed('copies threads'));
    // Conv2D 'same' pads its input (a copy per image); a stride-2 input gradient interleaves its phases per image;
    // the filter gradient folds its chunks' sums by value ranges (ci 3: the stem's channels padded to 4).
    for (const [batch, size, ci, co] of [[8, 16, 16, 32], [5, 9, 3, 8]] as const) {
      const out = Math.ceil(size / 2);
      const [x, w, dy] = [nonZeroValues(next, batch * size * size * ci), nonZeroValues(next, 9 * ci * co), nonZeroValues(next, batch * out * out * co)];
      const both = () =>
        tf.tidy(() => {
          const filter = tf.tensor4d(w, [3, 3, ci, co]);
          const y = tf.conv2d(tf.tensor4d(x, [batch, size, size, ci]), filter, 1, 'same');
          const dx = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: tf.tensor4d(dy, [batch, out, out, co]), filter }, { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [batch, size, size, ci] });
          const dyt = tf.tensor4d(dy, [batch, out, out, co]);
          const dW = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: tf.tensor4d(x, [batch, size, size, ci]), dy: dyt }, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, ci, co] });
          // Add, Relu and ReLU's gradient mask (Step, Multiply) run as element-wise passes in chunks.
          const dyOut = tf.mul(tf.add(y, y), tf.step(tf.relu(y)));
          // The fused SGD update splits a large variable (y, as one) into calls too.
          const sgd = tf.engine().runKernel('ResnetSgdUpdate', { w: y, v: dyOut, g: tf.relu(y) }, { lr: 0.1, momentum: 0.9, weightDecay: 1e-4, form: 'neon', nesterov: false }) as tf.Tensor[];
          return [y, dx as tf.Tensor, dW as tf.Tensor, dyOut, ...sgd].map((t) => Array.from(t.dataSync()));
        });
      const tensors = tf.memory().numTensors;
      expectSameBitsWithAWorker(heap.memory, both);
      expect(tf.memory().numTensors).toBe(tensors);
    }
  });

  it('refuses once the wasm backend is running, with what to do', async () => {
    const again = await initWasmThreads(2);
    expect(E.isLeft(again) && again.left).toMatch(/already initialised; enable threads before/);
  });
});
