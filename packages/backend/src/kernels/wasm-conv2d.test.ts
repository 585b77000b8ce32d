import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels, trainingKernelConfigs } from '../register-training-kernels.ts';
import { convCase, refConv, refGeometry, type ConvCase } from '../test-support/conv-reference.ts';
import { relativeError } from '../test-support/relative-error.ts';
import { convGeometry } from './conv-geometry.ts';
import { defaultConvSelector, setWasmConvSelector } from './wasm-conv2d.ts';
import { directConvFits } from './wasm-conv2d-direct.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const c = convCase;

const seed = testSeed('direct conv');
const next = seededRandom(seed);
const pick = (xs: readonly number[]): number => xs[Math.floor(next() * xs.length)] as number;

// Every ResNet layer kind (stem, 3x3 s1 and s2, 1x1 s2), VALID windows that stop short of the
// input, odd channel counts; then drawn shapes that fit the kernel (co in 8s, ow in 4s).
const fitting: readonly ConvCase[] = [
  c(2, 8, 8, 3, 16, 3, 1, 'same'),
  c(2, 8, 8, 16, 16, 3, 1, 'same'),
  c(3, 8, 8, 16, 32, 3, 2, 'same'),
  c(2, 8, 8, 16, 32, 1, 2, 'same'),
  c(1, 4, 4, 64, 64, 3, 1, 'same'),
  c(2, 10, 9, 5, 8, 3, 2, 'valid'),
  c(2, 6, 6, 7, 24, 3, 1, 'valid'),
  c(1, 4, 8, 1, 8, 1, 1, 'valid'),
  ...Array.from({ length: 6 }, () => {
    const stride = pick([1, 2]);
    const kernel = pick([1, 3]);
    const width = 4 * stride * pick([1, 2]);
    return c(pick([1, 2, 3]), pick([3, 5, 8]), width, pick([1, 3, 4, 6, 16]), pick([8, 16, 24]), kernel, stride, 'same');
  }),
];
// Shapes the kernel does not take: tfjs's own kernel must still run them.
const fallingBack: readonly ConvCase[] = [c(2, 7, 7, 3, 8, 3, 1, 'same'), c(1, 8, 8, 4, 6, 3, 1, 'same')];

const name = (k: ConvCase): string =>
  `n${k.batch} ${k.height}x${k.width}x${k.inChannels}->${k.outChannels} k${k.kernel} s${k.stride} ${k.padding}`;

const geometryOf = (k: ConvCase) =>
  convGeometry([k.batch, k.height, k.width, k.inChannels], [k.kernel, k.kernel, k.inChannels, k.outChannels], k.stride, k.padding, undefined, 'NHWC');

interface Drawn { readonly x: Float32Array; readonly w: Float32Array; readonly bias: Float32Array }
const draw = (k: ConvCase): Drawn => ({
  x: nonZeroValues(next, k.batch * k.height * k.width * k.inChannels),
  w: nonZeroValues(next, k.kernel * k.kernel * k.inChannels * k.outChannels),
  bias: nonZeroValues(next, k.outChannels),
});

/** Runs `op` on fresh tensors; fails if a tensor or a heap buffer outlives it. */
const run = (k: ConvCase, d: Drawn, op: (x: tf.Tensor4D, w: tf.Tensor4D, bias: tf.Tensor1D) => tf.Tensor): Float32Array => {
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const out = tf.tidy(() =>
    op(tf.tensor4d(d.x, [k.batch, k.height, k.width, k.inChannels]), tf.tensor4d(d.w, [k.kernel, k.kernel, k.inChannels, k.outChannels]), tf.tensor1d(d.bias)),
  );
  const values = out.dataSync() as Float32Array;
  out.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
  return values;
};

const withBiasRelu = (reference: Float64Array, bias: Float32Array): Float64Array =>
  reference.map((v, i) => Math.max(0, v + (bias[i % bias.length] as number)));

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});
afterEach(() => setWasmConvSelector(defaultConvSelector));

describe('Conv2D on wasm by the direct SIMD kernel', () => {
  it('is the registered Conv2D and FusedConv2D, and takes every case meant for it and none of the others', () => {
    for (const kernel of [tf.Conv2D, tf.FusedConv2D]) {
      expect(tf.getKernel(kernel, 'wasm')).toBe(trainingKernelConfigs.find((config) => config.kernelName === kernel));
    }
    expect(fitting.every((k) => directConvFits(geometryOf(k)))).toBe(true);
    expect(fallingBack.some((k) => directConvFits(geometryOf(k)))).toBe(false);
  });

  it.each([...fitting, ...fallingBack].map((k) => [name(k), k] as const))('matches the float64 reference: %s', (_, k) => {
    const d = draw(k);
    const out = run(k, d, (x, w) => tf.conv2d(x, w, k.stride, k.padding));
    expect(refGeometry(k).outWidth * refGeometry(k).outHeight * k.batch * k.outChannels).toBe(out.length);
    expect(relativeError(out, refConv(k, d.x, d.w))).toBeLessThan(1e-5);
  });

  it.each(fitting.map((k) => [name(k), k] as const))('fused with bias and ReLU matches the reference: %s', (_, k) => {
    const d = draw(k);
    const out = run(k, d, (x, w, bias) => tf.fused.conv2d({ x, filter: w, strides: k.stride, pad: k.padding, bias, activation: 'relu' }));
    expect(relativeError(out, withBiasRelu(refConv(k, d.x, d.w), d.bias))).toBeLessThan(1e-5);
  });

  it('gives the same result as tfjs own kernel where both run', () => {
    const k = c(2, 8, 8, 16, 16, 3, 1, 'same');
    const d = draw(k);
    const direct = run(k, d, (x, w) => tf.conv2d(x, w, 1, 'same'));
    setWasmConvSelector(() => 'stock');
    const stock = run(k, d, (x, w) => tf.conv2d(x, w, 1, 'same'));
    expect(relativeError(direct, stock)).toBeLessThan(1e-5);
  });
});
