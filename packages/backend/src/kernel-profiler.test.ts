import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { profileKernels } from './kernel-profiler.ts';
import { registerTrainingKernels } from './register-training-kernels.ts';
import { testSeed } from '@resnet-cifar/test-support';

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('profileKernels', () => {
  it('counts kernel calls, attributes a composite kernel\'s inner calls to it, and restores the kernels', () => {
    const before = tf.getKernel(tf.Conv2DBackpropFilter, 'wasm');
    const seed = testSeed('kernel profiler');
    const x = tf.randomUniform([2, 6, 6, 3], 0.1, 1, 'float32', seed);
    const dy = tf.randomUniform([2, 3, 3, 4], 0.1, 1, 'float32', seed + 1);
    const profiler = profileKernels('wasm');
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
    (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs) as tf.Tensor).dispose();
    const times = profiler.stop();
    const calls = Object.fromEntries(times.map((t) => [t.kernel, t.calls]));
    expect(calls[tf.Conv2DBackpropFilter]).toBe(1);
    expect(calls[`${tf.Conv2DBackpropFilter} > ${tf.Conv2D}`]).toBe(1);
    expect(times.every((t) => t.selfMs >= 0)).toBe(true);
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBe(before);
    tf.dispose([x, dy]);
  });

  it('counts the time of jobs the kernel threads share as such, never more than the kernel\'s own time', () => {
    const seed = testSeed('kernel profiler shared');
    // Our direct convolution takes this shape, one call per image: a job the threads share.
    const x = tf.randomUniform([4, 8, 8, 16], -1, 1, 'float32', seed) as tf.Tensor4D;
    const w = tf.randomUniform([3, 3, 16, 16], -1, 1, 'float32', seed + 1) as tf.Tensor4D;
    const profiler = profileKernels('wasm');
    tf.conv2d(x, w, 1, 'same').dispose();
    const conv = profiler.stop().find((t) => t.kernel === tf.Conv2D);
    expect(conv?.sharedMs).toBeGreaterThan(0);
    expect(conv?.sharedMs).toBeLessThanOrEqual(conv?.selfMs ?? 0);
    tf.dispose([x, w]);
  });
});
