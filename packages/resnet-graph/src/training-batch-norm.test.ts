import type * as tfjs from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from './test-support.ts';
import { trainingBatchNorm } from './training-batch-norm.ts';
import { testSeed } from '@resnet-cifar/test-support';

const tf = await useWasm();

// wasm runs the backend's fused kernels (SIMD for channels in 4s, plain JS for 3); cpu the tf ops.
describe.each([['wasm', 3], ['wasm', 8], ['cpu', 8]] as const)('trainingBatchNorm on %s, %i channels', (backend, c) => {
  const seed = testSeed('batch norm');
  let [x, weight, gamma, beta] = [] as tfjs.Tensor[];
  beforeAll(async () => {
    await tf.setBackend(backend);
    x = tf.randomNormal([6, 5, 5, c], 2, 3, 'float32', seed);
    weight = tf.randomNormal([6, 5, 5, c], 0, 1, 'float32', seed + 1);
    gamma = tf.randomNormal([c], 1, 0.2, 'float32', seed + 2);
    beta = tf.randomNormal([c], 0, 0.2, 'float32', seed + 3);
  });
  afterAll(async () => {
    tf.dispose([x, weight, gamma, beta] as tfjs.Tensor[]);
    await tf.setBackend('wasm');
  });

  // The definition, differentiated by tfjs: what the hand-written gradient must reproduce.
  const reference = (xs: tfjs.Tensor, g: tfjs.Tensor, b: tfjs.Tensor): tfjs.Scalar => {
    const { mean, variance } = tf.moments(xs, [0, 1, 2]);
    return tf.sum(tf.mul(tf.batchNorm(xs, mean, variance, b, g, 1e-3), weight as tfjs.Tensor));
  };
  const handWritten = (xs: tfjs.Tensor, g: tfjs.Tensor, b: tfjs.Tensor): tfjs.Scalar =>
    tf.sum(tf.mul(trainingBatchNorm(tf, xs, g, b, 1e-3, (m) => tf.dispose([m.mean, m.variance])), weight as tfjs.Tensor));

  it('matches autodiff through moments + batchNorm in value and in all three gradients', () => {
    const [expected, actual] = [tf.valueAndGrads(reference)([x, gamma, beta] as tfjs.Tensor[]), tf.valueAndGrads(handWritten)([x, gamma, beta] as tfjs.Tensor[])];
    expect(actual.value.dataSync()[0]).toBeCloseTo(expected.value.dataSync()[0] ?? NaN, 3);
    expected.grads.forEach((grad, i) => {
      const scale = tf.max(tf.abs(grad)).dataSync()[0] ?? 1;
      const gap = tf.max(tf.abs(tf.sub(grad, actual.grads[i] as tfjs.Tensor))).dataSync()[0] ?? NaN;
      expect(gap / scale, `gradient ${i}`).toBeLessThan(1e-5);
    });
    tf.dispose([expected.value, actual.value, ...expected.grads, ...actual.grads]);
  });

  it('hands out the batch mean and biased variance, and leaves only them behind', () => {
    const before = tf.memory().numTensors;
    let moments: { mean: tfjs.Tensor; variance: tfjs.Tensor } | undefined;
    tf.tidy(() => void trainingBatchNorm(tf, x as tfjs.Tensor, gamma as tfjs.Tensor, beta as tfjs.Tensor, 1e-3, (m) => (moments = m)));
    expect(tf.memory().numTensors).toBe(before + 2);
    const values = (x as tfjs.Tensor).arraySync() as number[][][][];
    const channel0 = values.flat(3).filter((_, i) => i % c === 0);
    const mean = channel0.reduce((a, b) => a + b, 0) / channel0.length;
    const variance = channel0.reduce((a, b) => a + (b - mean) ** 2, 0) / channel0.length;
    expect(moments?.mean.dataSync()[0]).toBeCloseTo(mean, 4);
    expect(moments?.variance.dataSync()[0]).toBeCloseTo(variance, 3);
    tf.dispose([moments?.mean, moments?.variance].filter((t): t is tfjs.Tensor => t !== undefined));
    expect(tf.memory().numTensors).toBe(before);
  });
});
