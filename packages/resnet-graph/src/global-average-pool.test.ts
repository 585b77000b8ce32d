import type * as tfjs from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testSeed } from '@resnet-cifar/test-support';
import { globalAveragePool } from './global-average-pool.ts';
import { useWasm } from './test-support.ts';

const tf = await useWasm();

describe.each(['wasm', 'cpu'] as const)('globalAveragePool on %s', (backend) => {
  it("gives tf.mean's value and gradient bit for bit, and leaves no tensor behind", async () => {
    await tf.setBackend(backend);
    const seed = testSeed('global average pool');
    const x = tf.randomNormal([3, 4, 4, 8], 0, 2, 'float32', seed) as tfjs.Tensor4D;
    const weight = tf.randomNormal([3, 1, 1, 8], 0, 1, 'float32', seed + 1);
    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    const [pooled, stock] = [globalAveragePool(tf, x), tf.mean(x, [1, 2], true)];
    const gradient = tf.grad((xs: tfjs.Tensor) => tf.sum(tf.mul(globalAveragePool(tf, xs as tfjs.Tensor4D), weight)))(x);
    const stockGradient = tf.grad((xs: tfjs.Tensor) => tf.sum(tf.mul(tf.mean(xs, [1, 2], true), weight)))(x);
    expect(pooled.shape).toEqual([3, 1, 1, 8]);
    expect(Array.from(pooled.dataSync())).toEqual(Array.from(stock.dataSync()));
    expect(Array.from(gradient.dataSync())).toEqual(Array.from(stockGradient.dataSync()));
    tf.dispose([pooled, stock, gradient, stockGradient]);
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    tf.dispose([x, weight]);
    await tf.setBackend('wasm');
  });
});
