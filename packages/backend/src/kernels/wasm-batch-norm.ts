import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { asBackend, input } from './kernel-call.ts';
import { kernelThreadCount, runKernelCalls } from './kernel-threads.ts';
import { batchNormModule, type AffinePass } from './simd-batch-norm-module.ts';
import { heapAddress, makeWasmOutput, wasmHeap, type WasmHeap } from './wasm-heap.ts';

/** Kernel names resnet-graph's training batch norm looks up (it falls back to tf ops without them). */
export const batchNormTrainKernel = 'ResnetBatchNormTrain';
export const batchNormGradKernel = 'ResnetBatchNormGrad';
/** y again from the train kernel's scale and shift, bit for bit (a block's backward pass recomputes it rather than keep it). */
export const batchNormApplyKernel = 'ResnetBatchNormApply';

/** Pixels per moments call: float32 lane sums stay short, the float64 total carries the batch. */
export const MOMENTS_CHUNK = 512;
/** Pixels per affine call: enough work per call (16-64 KB per operand) to outweigh claiming it. */
const AFFINE_CHUNK = 4096;

/** [start, length] of each chunk of n pixels. */
const chunks = (n: number, size: number): Array<readonly [number, number]> =>
  Array.from({ length: Math.ceil(n / size) }, (_, k) => [k * size, Math.min(size, n - k * size)] as const);

/** The plain-JS moments of one chunk into s[0..c) and p[0..c) (channel counts not in 4s). */
const momentsJs = (h: WasmHeap, a: number, b: number, [at, len]: readonly [number, number], c: number, ma: Float64Array, mb: Float64Array, s: Float32Array, p: Float32Array): void => {
  const [va, vb] = [new Float32Array(h.memory.buffer, a + at * c * 4, len * c), new Float32Array(h.memory.buffer, b + at * c * 4, len * c)];
  for (let i = 0; i < len * c; i++) {
    const ch = i % c;
    s[ch]! += va[i] as number;
    p[ch]! += ((va[i] as number) - (ma[ch] as number)) * ((vb[i] as number) - (mb[ch] as number));
  }
};

/**
 * Chunks per moments call: up to 4 (a stage-1 pass was 256 calls, each an argument list built on
 * the main thread), while a job keeps 16 calls or more per thread to share out.
 */
const chunksPerCall = (chunkCount: number, threads: number): number => Math.max(1, Math.min(4, Math.floor(chunkCount / (16 * threads))));

/** A cache line: each chunk's sums start on one of their own, so two threads never write the same line. */
const LINE = 64;
const roundUp = (bytes: number, to: number): number => Math.ceil(bytes / to) * to;

/**
 * Per-channel float32 sums over each run of `chunk` pixels (the last one may be short): of a, and
 * of (a - ma)(b - mb); `use` reads them as one Float32Array, chunk k's sums of a at k * stride and
 * its products c further, before their scratch is freed. SIMD when the channel count is a
 * multiple of 4 (a few chunks per kernel-thread call, which it updates pixel by pixel: each
 * chunk's sums on cache lines of their own, or the threads fight over the lines they share),
 * else plain JS. Each chunk's sums are in pixel order, on any thread count.
 */
const chunkSums = <R>(
  h: WasmHeap, a: number, b: number, n: number, c: number, ma: Float64Array, mb: Float64Array, chunk: number,
  use: (sums: Float32Array, stride: number, chunkCount: number) => R,
): R => {
  const chunkCount = Math.ceil(n / chunk);
  // ma and mb, then one [sums of a, sums of products] block per chunk, each on lines of its own.
  const blockBytes = roundUp(2 * c * 4, LINE);
  const scratch = h.malloc(2 * c * 4 + LINE + chunkCount * blockBytes);
  const first = roundUp(scratch + 2 * c * 4, LINE);
  const block = (k: number) => first + k * blockBytes;
  const means = new Float32Array(h.memory.buffer, scratch, 2 * c);
  means.set(ma, 0);
  means.set(mb, c);
  // One view over every chunk's block (a view per chunk was 512 allocations per batch norm at stage 1).
  const stride = blockBytes / 4;
  const all = new Float32Array(h.memory.buffer, first, chunkCount * stride).fill(0);
  if (c % 4 === 0) {
    const { key, bytes } = batchNormModule(h.memory, 'moments');
    const per = chunksPerCall(chunkCount, kernelThreadCount(h.memory));
    const calls = Array.from({ length: Math.ceil(chunkCount / per) }, (_, g) => {
      const [k, at] = [g * per, g * per * chunk];
      return [a + at * c * 4, b + at * c * 4, Math.min(per * chunk, n - at), c * 4, scratch, scratch + 4 * c, block(k), block(k) + 4 * c, chunk, blockBytes];
    });
    runKernelCalls(h.memory, key, bytes, calls);
  } else chunks(n, chunk).forEach((part, k) => momentsJs(h, a, b, part, c, ma, mb, all.subarray(k * stride, k * stride + c), all.subarray(k * stride + c, k * stride + 2 * c)));
  try {
    return use(all, stride, chunkCount);
  } finally {
    h.free(scratch);
  }
};

/**
 * Sums over pixels of a and of (a - ma)(b - mb), per channel, in float64: MOMENTS_CHUNK-pixel
 * chunks' float32 sums added in chunk order, so the bits are the same on any thread count.
 */
const moments = (h: WasmHeap, a: number, b: number, n: number, c: number, ma: Float64Array, mb: Float64Array): [Float64Array, Float64Array] =>
  chunkSums(h, a, b, n, c, ma, mb, MOMENTS_CHUNK, (all, stride, chunkCount) => {
    const [s, p] = [new Float64Array(c), new Float64Array(c)];
    for (let k = 0; k < chunkCount; k++) {
      for (let ch = 0; ch < c; ch++) (s[ch]! += all[k * stride + ch] as number), (p[ch]! += all[k * stride + c + ch] as number);
    }
    return [s, p];
  });

/**
 * Each image's per-channel float32 sum over its `pixels` pixels, in pixel order ([images, c]):
 * the sums tfjs's own Mean kernel makes, bit for bit, without its transpose of the whole tensor.
 */
export const imageChannelSums = (h: WasmHeap, x: number, images: number, pixels: number, c: number): Float32Array => {
  const zero = new Float64Array(c);
  return chunkSums(h, x, x, images * pixels, c, zero, zero, pixels, (all, stride) => {
    const sums = new Float32Array(images * c);
    for (let m = 0; m < images; m++) sums.set(all.subarray(m * stride, m * stride + c), m * c);
    return sums;
  });
};

/** What an affine pass does after a * pa + b * pb + pc: nothing, a ReLU, or a residual added and then a ReLU (`residual`: its address). */
interface Epilogue {
  readonly relu: boolean;
  readonly residual?: number;
}
const plain: Epilogue = { relu: false };

const affinePass = ({ relu, residual }: Epilogue): AffinePass => {
  if (residual !== undefined && !relu) throw new Error('batch norm kernels: a residual input comes with relu: true (the closing relu(bn(x) + shortcut) of a residual block)');
  return residual !== undefined ? 'affine2AddRelu' : relu ? 'affine2Relu' : 'affine2';
};

/**
 * out = a * pa + b * pb + pc per channel, then the epilogue, over n pixels of c channels; SIMD
 * chunks spread over the kernel threads.
 */
const affine2 = (h: WasmHeap, a: number, b: number, n: number, c: number, pa: Float64Array, pb: Float64Array, pc: Float64Array, out: number, epilogue = plain): void => {
  const pass = affinePass(epilogue);
  const { relu, residual } = epilogue;
  const scratch = h.malloc(3 * c * 4);
  const v = new Float32Array(h.memory.buffer, scratch, 3 * c);
  [pa, pb, pc].forEach((vec, i) => v.set(vec, i * c));
  if (c % 4 === 0) {
    const { key, bytes } = batchNormModule(h.memory, pass);
    const cb = c * 4;
    const calls = chunks(n, AFFINE_CHUNK).map(([at, len]) => {
      const call = [a + at * cb, b + at * cb, len, cb, scratch, scratch + cb, scratch + 2 * cb, out + at * cb];
      return residual === undefined ? call : [...call, residual + at * cb];
    });
    runKernelCalls(h.memory, key, bytes, calls);
  } else {
    const buf = h.memory.buffer;
    const [va, vb, vo] = [new Float32Array(buf, a, n * c), new Float32Array(buf, b, n * c), new Float32Array(buf, out, n * c)];
    const vr = residual === undefined ? undefined : new Float32Array(buf, residual, n * c);
    for (let i = 0; i < n * c; i++) {
      const affine = (va[i] as number) * (v[i % c] as number) + (vb[i] as number) * (v[c + (i % c)] as number) + (v[2 * c + (i % c)] as number);
      const y = vr === undefined ? affine : Math.fround(affine) + (vr[i] as number);
      vo[i] = relu && !(y > 0) && !Number.isNaN(y) ? 0 : y;
    }
  }
  h.free(scratch);
};

// new Float64Array(view) copies natively; Float64Array.from(view) walked an iterator (8 µs a read, 150 reads a step).
const read = (backend: BackendWasm, info: tf.TensorInfo): Float64Array => new Float64Array(backend.typedArrayFromHeap(info) as Float32Array);
const output = (backend: BackendWasm, shape: number[], values?: Float64Array): tf.TensorInfo => {
  const out = makeWasmOutput(backend, shape, 'float32');
  if (values !== undefined) (backend.typedArrayFromHeap(out) as Float32Array).set(values);
  return out;
};

/** The optional `residual` input (x's shape) and the relu attribute, as an affine pass's epilogue. */
const epilogueOf = (backend: BackendWasm, inputs: tf.NamedTensorInfoMap, x: tf.TensorInfo, relu: boolean | undefined): Epilogue => {
  const residual = inputs['residual'];
  if (residual !== undefined && !tf.util.arraysEqual(residual.shape, x.shape)) throw new Error(`batch norm kernels: residual shape [${residual.shape}] differs from x's [${x.shape}]`);
  return { relu: relu === true, ...(residual === undefined ? {} : { residual: heapAddress(backend, residual) }) };
};

/** y = x * scale + shift per channel, then the epilogue: one affine pass (its parameters rounded to float32, as the kernel reads them). */
const affine = (backend: BackendWasm, x: tf.TensorInfo, scale: Float64Array, shift: Float64Array, epilogue: Epilogue): tf.TensorInfo => {
  const c = x.shape[x.shape.length - 1] ?? 1;
  const y = output(backend, [...x.shape]);
  const at = heapAddress(backend, x);
  affine2(wasmHeap(backend), at, at, tf.util.sizeFromShape(x.shape) / c, c, scale, new Float64Array(c), shift, heapAddress(backend, y), epilogue);
  return y;
};

/**
 * Training batch norm, channels last: [y, mean, biased variance] in two moments passes and one
 * affine pass, scale = gamma / sqrt(var + eps) and shift = beta - scale * mean from the float64
 * moments. With `affine: true` also [scale, shift], from which batchNormApplyKernel gives y again, bit for bit.
 * With `relu: true`, y is relu(y) in the same pass (a block's first batch norm, which only its ReLU reads);
 * with a `residual` input too, y is relu(y + residual) (a block's closing, bn2 + shortcut then ReLU).
 */
const trainFunc: tf.KernelFunc = ({ inputs, attrs, backend: b }) => {
  const backend = asBackend(b) as BackendWasm;
  const [x, gamma, beta] = [input(inputs, 'x'), input(inputs, 'gamma'), input(inputs, 'beta')];
  const { epsilon: eps, affine: withAffine, relu } = attrs as { epsilon: number; affine?: boolean; relu?: boolean };
  const c = x.shape[x.shape.length - 1] ?? 1;
  const n = tf.util.sizeFromShape(x.shape) / c;
  const h = wasmHeap(backend);
  const zero = new Float64Array(c);
  const mean = moments(h, heapAddress(backend, x), heapAddress(backend, x), n, c, zero, zero)[0].map((s) => s / n);
  const variance = moments(h, heapAddress(backend, x), heapAddress(backend, x), n, c, mean, mean)[1].map((p) => p / n);
  const [g, bt] = [read(backend, gamma), read(backend, beta)];
  const scale = variance.map((v, i) => (g[i] as number) / Math.sqrt(v + eps));
  const shift = scale.map((s, i) => (bt[i] as number) - s * (mean[i] as number));
  const outputs = [affine(backend, x, scale, shift, epilogueOf(backend, inputs, x, relu)), output(backend, [c], mean), output(backend, [c], variance)];
  return withAffine === true ? [...outputs, output(backend, [c], scale), output(backend, [c], shift)] : outputs;
};

/** y = x * scale + shift from the train kernel's [scale, shift] (with its `relu` and `residual`): its y again, in one pass. */
const applyFunc: tf.KernelFunc = ({ inputs, attrs, backend: b }) => {
  const backend = asBackend(b) as BackendWasm;
  const x = input(inputs, 'x');
  const epilogue = epilogueOf(backend, inputs, x, (attrs as { relu?: boolean }).relu);
  return affine(backend, x, read(backend, input(inputs, 'scale')), read(backend, input(inputs, 'shift')), epilogue);
};

/**
 * Its gradient: dbeta = sum dy, dgamma = invStd * sum dy (x - mean), and
 * dx = k dy - k (dbeta + xhat dgamma) / n with k = gamma invStd, as one affine pass of dy and x.
 */
const gradFunc: tf.KernelFunc = ({ inputs, attrs, backend: b }) => {
  const backend = asBackend(b) as BackendWasm;
  const [dy, x] = [input(inputs, 'dy'), input(inputs, 'x')];
  const eps = (attrs as { epsilon: number }).epsilon;
  const c = x.shape[x.shape.length - 1] ?? 1;
  const n = tf.util.sizeFromShape(x.shape) / c;
  const h = wasmHeap(backend);
  const [mean, variance, g] = [read(backend, input(inputs, 'mean')), read(backend, input(inputs, 'variance')), read(backend, input(inputs, 'gamma'))];
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const [dbeta, centred] = moments(h, heapAddress(backend, dy), heapAddress(backend, x), n, c, new Float64Array(c), mean);
  const k = invStd.map((s, i) => (g[i] as number) * s);
  const pb = k.map((ki, i) => (-ki * (invStd[i] as number) ** 2 * (centred[i] as number)) / n);
  const pc = k.map((ki, i) => (-ki * (dbeta[i] as number)) / n - (pb[i] as number) * (mean[i] as number));
  const dx = output(backend, [...x.shape]);
  affine2(h, heapAddress(backend, dy), heapAddress(backend, x), n, c, k, pb, pc, heapAddress(backend, dx));
  return [dx, output(backend, [c], centred.map((s, i) => s * (invStd[i] as number))), output(backend, [c], dbeta)];
};

export const wasmBatchNormTrainConfig: tf.KernelConfig = { kernelName: batchNormTrainKernel, backendName: 'wasm', kernelFunc: trainFunc };
export const wasmBatchNormGradConfig: tf.KernelConfig = { kernelName: batchNormGradKernel, backendName: 'wasm', kernelFunc: gradFunc };
export const wasmBatchNormApplyConfig: tf.KernelConfig = { kernelName: batchNormApplyKernel, backendName: 'wasm', kernelFunc: applyFunc };
