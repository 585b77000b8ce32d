import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import { reluGradKernel } from './wasm-elementwise.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const next = seededRandom(testSeed('wasm element-wise'));

/** Values of both signs with zeros and a NaN among them, `size` of them. */
const mixed = (size: number): Float32Array => {
  const v = nonZeroValues(next, size);
  for (let i = 0; i < size; i += 97) v[i] = 0;
  v[size - 3] = Number.NaN;
  return v;
};

const run = (f: () => tf.Tensor): Float32Array => {
  const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
  const out = tf.tidy(f);
  const values = out.dataSync() as Float32Array;
  out.dispose();
  expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
  return values;
};

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

// 8x16x16x32: four 16384-value calls of our SIMD pass; 5x17x16x16: a shorter last call; 3x5x8: the stock kernel.
describe.each([[8, 16, 16, 32], [5, 17, 16, 16], [3, 5, 8]])('Relu and Step on wasm, shape %s', (...shape) => {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = mixed(size);

  it('Relu is max(0, x), NaN kept', () => {
    const got = run(() => tf.relu(tf.tensor(x, shape)));
    expect(Array.from(got)).toEqual(Array.from(x, (v) => (Number.isNaN(v) ? Number.NaN : Math.max(0, v))));
  });

  it('ReluGrad gives the bits of dy * step(y), NaN and signed zeros included, in one kernel', () => {
    const dy = mixed(size);
    dy[5] = -dy[5]!;
    const expected = run(() => tf.mul(tf.tensor(dy, shape), tf.step(tf.tensor(x, shape))));
    const got = run(() => tf.engine().runKernel(reluGradKernel, { dy: tf.tensor(dy, shape), y: tf.tensor(x, shape) }) as tf.Tensor);
    expect(Array.from(got, (v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(expected, (v) => Object.is(v, -0) ? '-0' : v));
  });

  it('Step is 1 where x > 0, else alpha, NaN kept', () => {
    for (const alpha of [0, 0.25]) {
      const got = run(() => tf.step(tf.tensor(x, shape), alpha));
      expect(Array.from(got)).toEqual(Array.from(x, (v) => (Number.isNaN(v) ? Number.NaN : v > 0 ? 1 : Math.fround(alpha))));
    }
  });
});
