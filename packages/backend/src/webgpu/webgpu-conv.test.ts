import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initBackend, releaseBackend } from '../choose-backend.ts';
import { convCase, refBackpropFilter, refBackpropInput, refConv, refGeometry, type ConvCase } from '../test-support/conv-reference.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';
import { relativeError } from '../test-support/relative-error.ts';
import { describeOnWebGpu } from '../test-support/webgpu.ts';

const next = seededRandom(testSeed('webgpu conv'));
// Small (the software adapter compiles a shader per shape, ~1 s each) but every kind a ResNet has:
// 3x3 stride 1 and 2 SAME, the 1x1 stride-2 projection, the 3-channel stem, a VALID border.
const cases: readonly ConvCase[] = [
  convCase(2, 8, 8, 3, 8, 3, 1, 'same'),
  convCase(2, 8, 8, 8, 16, 3, 2, 'same'),
  convCase(2, 8, 8, 8, 16, 1, 2, 'same'),
  convCase(1, 7, 6, 4, 4, 3, 1, 'valid'),
];
const name = (k: ConvCase) => `n${k.batch} ${k.height}x${k.width}x${k.inChannels}->${k.outChannels} k${k.kernel} s${k.stride} ${k.padding}`;

/** Runs one op and reads it back with data() (dataSync throws on webgpu in Node); nothing may outlive it. */
const run = async (op: () => tf.Tensor): Promise<Float32Array> => {
  const [tensors, buffers] = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
  const out = tf.tidy(op);
  const values = (await out.data()) as Float32Array;
  out.dispose();
  expect(tf.memory().numTensors).toBe(tensors);
  expect(tf.engine().backend.numDataIds()).toBe(buffers);
  return values;
};

describeOnWebGpu('convolution passes on webgpu against the float64 reference', () => {
  beforeAll(async () => {
    const backend = await initBackend(tf, 'webgpu');
    expect(E.isRight(backend) && tf.getBackend()).toBe('webgpu');
  });
  afterAll(() => releaseBackend());

  it.each(cases.map((k) => [name(k), k] as const))('forward, input gradient and filter gradient: %s', async (_, k) => {
    const g = refGeometry(k);
    const [xShape, wShape] = [[k.batch, k.height, k.width, k.inChannels], [k.kernel, k.kernel, k.inChannels, k.outChannels]] as const;
    const dyShape = [k.batch, g.outHeight, g.outWidth, k.outChannels] as const;
    const [x, w, dy] = [nonZeroValues(next, xShape.reduce((a, b) => a * b)), nonZeroValues(next, wShape.reduce((a, b) => a * b)), nonZeroValues(next, dyShape.reduce((a, b) => a * b))];
    const forward = await run(() => tf.conv2d(tf.tensor4d(x, [...xShape]), tf.tensor4d(w, [...wShape]), k.stride, k.padding));
    const input = await run(() => tf.conv2dTranspose(tf.tensor4d(dy, [...dyShape]), tf.tensor4d(w, [...wShape]), [...xShape], k.stride, k.padding));
    const filter = await run(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: tf.tensor4d(x, [...xShape]), dy: tf.tensor4d(dy, [...dyShape]) },
      { strides: k.stride, pad: k.padding, dataFormat: 'NHWC', filterShape: [...wShape] }) as tf.Tensor);
    expect(relativeError(forward, refConv(k, x, w)), 'Conv2D').toBeLessThan(1e-5);
    expect(relativeError(input, refBackpropInput(k, w, dy)), 'Conv2DBackpropInput').toBeLessThan(1e-5);
    expect(relativeError(filter, refBackpropFilter(k, x, dy)), 'Conv2DBackpropFilter').toBeLessThan(1e-5);
  });
});
