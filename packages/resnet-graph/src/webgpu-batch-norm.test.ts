import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initBackend, releaseBackend } from '@resnet-cifar/backend';
import { describeOnWebGpu, refBatchNorm, refBatchNormGrad, relativeError } from '@resnet-cifar/backend/test-support';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';
import { trainingBatchNorm } from './training-batch-norm.ts';

const next = seededRandom(testSeed('webgpu batch norm'));
const eps = 1e-3;
// webgpu has no fused kernel: trainingBatchNorm runs its tf-ops form there, forward and backward.
const shapes: ReadonlyArray<readonly number[]> = [[4, 5, 5, 8], [2, 8, 8, 16], [3, 6, 6, 3], [37, 10]];

describeOnWebGpu('trainingBatchNorm on webgpu against the float64 reference', () => {
  beforeAll(async () => expect(E.isRight(await initBackend(tf, 'webgpu')) && tf.getBackend()).toBe('webgpu'));
  afterAll(() => releaseBackend());

  it.each(shapes.map((s) => [s.join('x'), s] as const))('y, batch moments, dx, dgamma and dbeta: x %s', async (_, shape) => {
    const c = shape[shape.length - 1] as number;
    const size = shape.reduce((a, b) => a * b, 1);
    // An offset mean, as conv outputs have: the variance must not come from E[x^2] - E[x]^2.
    const x = nonZeroValues(next, size).map((v) => 3 + 2 * v);
    const [gamma, beta, dy] = [nonZeroValues(next, c), nonZeroValues(next, c), nonZeroValues(next, size)];
    const tensors = tf.memory().numTensors;
    const moments: tf.Tensor[] = [];
    const [xt, gt, bt, dyt] = [tf.tensor(x, [...shape]), tf.tensor1d(gamma), tf.tensor1d(beta), tf.tensor(dy, [...shape])];
    const { value, grads } = tf.valueAndGrads((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(trainingBatchNorm(tf, xs, g, b, eps, (m) => moments.push(m.mean, m.variance)), dyt)))([xt, gt, bt]);
    const y = tf.tidy(() => trainingBatchNorm(tf, xt, gt, bt, eps, (m) => tf.dispose([m.mean, m.variance])));
    const [ys, mean, variance, dx, dgamma, dbeta] = await Promise.all([y, ...moments, ...grads].map((t) => t.data() as Promise<Float32Array>));
    tf.dispose([value, y, xt, gt, bt, dyt, ...moments, ...grads]);
    expect(tf.memory().numTensors).toBe(tensors);
    const ref = refBatchNorm(x, c, gamma, beta, eps);
    const refGrad = refBatchNormGrad(dy, x, c, gamma, eps);
    expect(relativeError(ys as Float32Array, ref.y), 'y').toBeLessThan(1e-5);
    expect(relativeError(mean as Float32Array, ref.mean), 'mean').toBeLessThan(1e-5);
    expect(relativeError(variance as Float32Array, ref.variance), 'variance').toBeLessThan(1e-5);
    expect(relativeError(dx as Float32Array, refGrad.dx), 'dx').toBeLessThan(1e-5);
    expect(relativeError(dgamma as Float32Array, refGrad.dgamma), 'dgamma').toBeLessThan(1e-5);
    expect(relativeError(dbeta as Float32Array, refGrad.dbeta), 'dbeta').toBeLessThan(1e-5);
  });
});
