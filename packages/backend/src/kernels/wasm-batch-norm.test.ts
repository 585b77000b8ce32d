import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import { refBatchNorm, refBatchNormGrad } from '../test-support/batch-norm-reference.ts';
import { relativeError } from '../test-support/relative-error.ts';
import { batchNormGradErrorBound, worstBoundRatio } from '../test-support/batch-norm-error-bound.ts';
import { batchNormApplyKernel, batchNormGradKernel, batchNormTrainKernel, MOMENTS_CHUNK } from './wasm-batch-norm.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const next = seededRandom(testSeed('wasm batch norm'));
// Channels in 4s take the SIMD passes, others plain JS; 2x17x19 pixels span several 512-pixel chunks,
// 8x64x64 has 64 of them, which the moments pass takes four per call.
// At least 3 pixels per channel: with 1 or 2 the exact dx is identically 0 and a relative error is meaningless.
const shapes: ReadonlyArray<readonly number[]> = [
  [2, 3, 3, 4], [3, 5, 4, 8], [2, 17, 19, 16], [8, 64, 64, 4], [1, 2, 2, 3], [4, 3, 5, 5], [2, 6, 6, 12], [1, 1, 3, 8], [37, 4],
  ...Array.from({ length: 4 }, () => [1 + Math.floor(next() * 4), 2 + Math.floor(next() * 8), 2 + Math.floor(next() * 8), [4, 8, 6, 32][Math.floor(next() * 4)] as number]),
];
const eps = 1e-3;

const run = (name: string, inputs: Record<string, Float32Array>, shapes: Record<string, number[]>, attrs: Record<string, boolean> = {}): Float32Array[] => {
  const [tensors, buffers] = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
  const outs = tf.tidy(() => {
    const named = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v, shapes[k])]));
    const outs = tf.engine().runKernel(name, named, { epsilon: eps, ...attrs }) as tf.Tensor | tf.Tensor[];
    return Array.isArray(outs) ? outs : [outs];
  });
  const values = outs.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outs);
  expect(tf.memory().numTensors).toBe(tensors);
  expect(tf.engine().backend.numDataIds()).toBe(buffers);
  return values;
};

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe.each(shapes.map((s) => [s.join('x'), s] as const))('training batch norm kernels on wasm, x %s', (_, shape) => {
  const c = shape[shape.length - 1] as number;
  const size = shape.reduce((a, b) => a * b, 1);
  // An offset mean, as conv outputs have: the variance must not come from E[x^2] - E[x]^2.
  const x = nonZeroValues(next, size).map((v) => 3 + 2 * v);
  const [gamma, beta, dy] = [nonZeroValues(next, c), nonZeroValues(next, c), nonZeroValues(next, size)];

  it('apply: the forward y again from its scale and shift, bit for bit, and ReLU\'d in the same pass', () => {
    const io = { x: [...shape], gamma: [c], beta: [c] };
    const [y, mean, variance, scale, shift] = run(batchNormTrainKernel, { x, gamma, beta }, io, { affine: true });
    const [yRelu, meanRelu] = run(batchNormTrainKernel, { x, gamma, beta }, io, { affine: true, relu: true });
    const again = { x, scale: scale as Float32Array, shift: shift as Float32Array };
    const shapes = { x: [...shape], scale: [c], shift: [c] };
    const [applied] = run(batchNormApplyKernel, again, shapes);
    const [appliedRelu] = run(batchNormApplyKernel, again, shapes, { relu: true });
    const relu = Float32Array.from(y as Float32Array, (v) => (v > 0 ? v : 0));
    expect(applied).toEqual(y);
    expect(yRelu).toEqual(relu);
    expect(appliedRelu).toEqual(relu);
    expect(meanRelu).toEqual(mean);
    expect(variance?.length).toBe(c);
  });

  it("a residual block's closing: relu(y + residual) in the affine pass, the bits of an Add and a ReLU after it, in train and apply", () => {
    const residual = nonZeroValues(next, size);
    const io = { x: [...shape], gamma: [c], beta: [c] };
    const [y, , , scale, shift] = run(batchNormTrainKernel, { x, gamma, beta }, io, { affine: true });
    const [closed] = run(batchNormTrainKernel, { x, gamma, beta, residual }, { ...io, residual: [...shape] }, { affine: true, relu: true });
    const again = { x, scale: scale as Float32Array, shift: shift as Float32Array, residual };
    const [appliedClosed] = run(batchNormApplyKernel, again, { x: [...shape], scale: [c], shift: [c], residual: [...shape] }, { relu: true });
    // Float32 addition, then ReLU: what tf.relu(tf.add(y, residual)) stores.
    const expected = Float32Array.from(y as Float32Array, (v, i) => Math.max(0, Math.fround(v + (residual[i] as number))));
    expect(closed).toEqual(expected);
    expect(appliedClosed).toEqual(expected);
    expect(() => run(batchNormTrainKernel, { x, gamma, beta, residual }, { ...io, residual: [...shape] })).toThrow(/relu: true/);
  });

  it('mean: float32 sums per 512-pixel chunk added in float64 in chunk order, bit for bit, however many chunks a call takes', () => {
    if (c % 4 !== 0) return; // plain JS there: its own sums
    const pixels = size / c;
    const expected = Float32Array.from({ length: c }, (_, ch) => {
      let total = 0;
      for (let start = 0; start < pixels; start += MOMENTS_CHUNK) {
        let chunk = 0;
        for (let i = start; i < Math.min(pixels, start + MOMENTS_CHUNK); i++) chunk = Math.fround(chunk + (x[i * c + ch] as number));
        total += chunk;
      }
      return total / pixels;
    });
    const [, mean] = run(batchNormTrainKernel, { x, gamma, beta }, { x: [...shape], gamma: [c], beta: [c] });
    expect(mean).toEqual(expected);
  });

  it('forward: y, mean and biased variance match float64, leaking nothing', () => {
    const ref = refBatchNorm(x, c, gamma, beta, eps);
    const [y, mean, variance] = run(batchNormTrainKernel, { x, gamma, beta }, { x: [...shape], gamma: [c], beta: [c] });
    expect(relativeError(y as Float32Array, ref.y)).toBeLessThan(1e-5);
    expect(relativeError(mean as Float32Array, ref.mean)).toBeLessThan(1e-5);
    expect(relativeError(variance as Float32Array, ref.variance)).toBeLessThan(1e-5);
  });

  // dx is a difference of large terms (with 3 pixels per channel, of nearly equal ones), so it is
  // held to a float32 bound on the scale of those terms, not to a fraction of its own size.
  it('backward: dx, dgamma and dbeta match float64 within float32 rounding of their terms, leaking nothing', () => {
    const { mean, variance } = refBatchNorm(x, c, gamma, beta, eps);
    const ref = refBatchNormGrad(dy, x, c, gamma, eps);
    const inputs = { dy, x, mean: Float32Array.from(mean), variance: Float32Array.from(variance), gamma };
    const [dx, dgamma, dbeta] = run(batchNormGradKernel, inputs, { dy: [...shape], x: [...shape], mean: [c], variance: [c], gamma: [c] });
    const bound = batchNormGradErrorBound({ ...inputs, channels: c, epsilon: eps, chunk: MOMENTS_CHUNK });
    expect(worstBoundRatio(dx as Float32Array, ref.dx, bound.dx)).toBeLessThanOrEqual(1);
    expect(worstBoundRatio(dgamma as Float32Array, ref.dgamma, bound.dgamma)).toBeLessThanOrEqual(1);
    expect(worstBoundRatio(dbeta as Float32Array, ref.dbeta, bound.dbeta)).toBeLessThanOrEqual(1);
  });
});
