import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import {
  convCase,
  refBackpropFilter,
  refBackpropInput,
  refGeometry,
  type ConvCase,
} from '../test-support/conv-reference.ts';
import { relativeError } from '../test-support/relative-error.ts';
import { defaultBackpropInputSelector, setWasmBackpropInputSelector } from './wasm-conv2d-backprop-input.ts';
import { defaultBackpropFilterSelector, setWasmBackpropFilterSelector } from './wasm-conv2d-backprop-filter.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const c = convCase;

// Stride 1 and 2, kernel 1 and 3, SAME and VALID, odd and even sizes, batch 1 and more.
const fixedCases: readonly ConvCase[] = [
  c(1, 5, 5, 3, 4, 3, 1, 'same'),
  c(2, 7, 5, 3, 4, 3, 2, 'same'),
  c(3, 9, 9, 2, 5, 3, 2, 'valid'),
  c(1, 8, 8, 4, 6, 1, 2, 'valid'),
  c(2, 8, 8, 3, 6, 1, 2, 'same'),
  c(2, 6, 7, 5, 3, 1, 1, 'same'),
  c(3, 7, 7, 2, 3, 3, 1, 'valid'),
  c(2, 8, 8, 8, 16, 3, 2, 'same'),
  c(1, 4, 6, 3, 2, 3, 2, 'valid'),
  c(2, 10, 9, 4, 4, 3, 1, 'same'),
];

const seed = testSeed('conv kernels');
const next = seededRandom(seed);
const pick = (xs: readonly number[]): number => xs[Math.floor(next() * xs.length)] as number;
const drawnCases: readonly ConvCase[] = Array.from({ length: 6 }, () =>
  c(pick([1, 2, 3]), pick([3, 4, 5, 6, 7, 8, 9]), pick([3, 5, 6, 8, 9]), pick([1, 2, 3, 5]), pick([1, 2, 4, 7]),
    pick([1, 3]), pick([1, 2]), next() < 0.5 ? 'same' : 'valid'),
);
const cases = [...fixedCases, ...drawnCases];
const name = (k: ConvCase): string =>
  `n${k.batch} ${k.height}x${k.width}x${k.inChannels}->${k.outChannels} k${k.kernel} s${k.stride} ${k.padding}`;

interface Drawn {
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly dy: Float32Array;
}

const draw = (k: ConvCase): Drawn => {
  const g = refGeometry(k);
  return {
    x: nonZeroValues(next, k.batch * k.height * k.width * k.inChannels),
    w: nonZeroValues(next, k.kernel * k.kernel * k.inChannels * k.outChannels),
    dy: nonZeroValues(next, k.batch * g.outHeight * g.outWidth * k.outChannels),
  };
};

const kernelInputs = (kernel: string, k: ConvCase, d: Drawn): [tf.NamedTensorMap, tf.NamedAttrMap] => {
  const g = refGeometry(k);
  const dy = tf.tensor4d(d.dy, [k.batch, g.outHeight, g.outWidth, k.outChannels]);
  const attrs = { strides: k.stride, pad: k.padding, dataFormat: 'NHWC' };
  const filterShape = [k.kernel, k.kernel, k.inChannels, k.outChannels] as const;
  return kernel === tf.Conv2DBackpropFilter
    ? [{ x: tf.tensor4d(d.x, [k.batch, k.height, k.width, k.inChannels]), dy }, { ...attrs, filterShape: [...filterShape] }]
    : [{ dy, filter: tf.tensor4d(d.w, [...filterShape]) }, { ...attrs, inputShape: [k.batch, k.height, k.width, k.inChannels] }];
};

/** Runs one kernel through the engine; fails if a tensor or even a scratch buffer outlives it. */
const runKernel = (kernel: string, k: ConvCase, d: Drawn): Float32Array => {
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const out = tf.tidy(() => {
    const [inputs, attrs] = kernelInputs(kernel, k, d);
    return tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor;
  });
  const values = out.dataSync() as Float32Array;
  out.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
  return values;
};

beforeAll(() => registerTrainingKernels());
afterEach(() => {
  setWasmBackpropInputSelector(defaultBackpropInputSelector);
  setWasmBackpropFilterSelector(defaultBackpropFilterSelector);
});

// The SIMD filter gradient takes output channels in 8s (input channels padded to 4s); the rest falls back.
const simdCases: readonly ConvCase[] = [
  c(2, 7, 6, 4, 8, 3, 1, 'same'),
  c(3, 9, 9, 8, 8, 3, 2, 'valid'),
  c(2, 6, 5, 12, 24, 3, 1, 'valid'),
  c(2, 8, 8, 4, 16, 1, 2, 'same'),
  c(3, 10, 9, 16, 8, 3, 2, 'same'),
  c(1, 3, 3, 4, 8, 3, 1, 'same'),
  c(2, 9, 8, 3, 16, 3, 1, 'same'),
  c(3, 7, 7, 5, 8, 3, 2, 'valid'),
  // Rows of 16 KB tiles and more: the kernel takes each image in several tiles, the last one short.
  c(2, 22, 20, 32, 32, 3, 1, 'same'),
  c(1, 23, 22, 16, 32, 3, 2, 'same'),
  ...Array.from({ length: 6 }, () =>
    c(pick([1, 2, 3]), pick([3, 5, 8, 9]), pick([3, 6, 9]), pick([3, 4, 6, 8, 12]), pick([8, 16, 24]), pick([1, 3]), pick([1, 2]), next() < 0.5 ? 'same' : 'valid'),
  ),
];
const filterCases = [...cases, ...simdCases];
describe.each([['wasm', 'simd'], ['wasm', 'conv'], ['cpu', 'direct']] as const)('Conv2DBackpropFilter on %s by %s', (backend, method) => {
  it.each(filterCases.map((k) => [name(k), k] as const))('matches the float64 reference: %s', async (_, k) => {
    await tf.setBackend(backend);
    if (method !== 'direct') setWasmBackpropFilterSelector(() => method);
    const d = draw(k);
    const err = relativeError(runKernel(tf.Conv2DBackpropFilter, k, d), refBackpropFilter(k, d.x, d.dy));
    expect(err).toBeLessThan(1e-5);
  });
});

describe.each(['subpixel', 'conv', 'stock'] as const)('Conv2DBackpropInput on wasm by %s', (method) => {
  it.each(cases.map((k) => [name(k), k] as const))('matches the float64 reference: %s', async (_, k) => {
    await tf.setBackend('wasm');
    setWasmBackpropInputSelector(() => method);
    const d = draw(k);
    const err = relativeError(runKernel(tf.Conv2DBackpropInput, k, d), refBackpropInput(k, d.w, d.dy));
    expect(err).toBeLessThan(1e-5);
  });
});
