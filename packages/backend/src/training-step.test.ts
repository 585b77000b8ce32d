import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register-training-kernels.ts';
import { byPosition, initialValues, loss, makeParams, type PlainResnetShape } from './test-support/plain-resnet.ts';
import { relativeError } from './test-support/relative-error.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const shape: PlainResnetShape = { blocksPerStage: 1, width: 4, imageSize: 8, classes: 10 };
const batch = 6;
const seed = testSeed('training step');
const next = seededRandom(seed);
const values = initialValues(shape, next);
const images = nonZeroValues(next, batch * shape.imageSize * shape.imageSize * 3);
const labels = Int32Array.from({ length: batch }, () => Math.floor(next() * shape.classes));

/** Loss and gradients of one step, read back as plain arrays; leaves no tensor behind. */
const gradientsOn = async (backend: string): Promise<ReadonlyMap<string, Float32Array>> => {
  await tf.setBackend(backend);
  const params = makeParams(shape, values);
  const x = tf.tensor4d(images, [batch, shape.imageSize, shape.imageSize, 3]);
  const y = tf.tensor1d(labels, 'int32');
  const { value, grads } = tf.variableGrads(() => loss(shape, params, x, y), Object.values(params));
  const out = new Map(byPosition(params, grads).map(([k, g]) => [k, g.dataSync() as Float32Array]));
  tf.dispose([value, x, y, ...Object.values(grads), ...Object.values(params)]);
  return out;
};

/** Plain SGD for `steps` steps on one fixed batch; returns the loss before each step. */
const train = (steps: number, lr: number): number[] => {
  const params = makeParams(shape, values);
  const x = tf.tensor4d(images, [batch, shape.imageSize, shape.imageSize, 3]);
  const y = tf.tensor1d(labels, 'int32');
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { value, grads } = tf.variableGrads(() => loss(shape, params, x, y), Object.values(params));
    tf.tidy(() => {
      for (const [name, g] of byPosition(params, grads)) params[name]?.assign(tf.sub(params[name] as tf.Variable, tf.mul(g, lr)));
    });
    losses.push(value.dataSync()[0] as number);
    tf.dispose([value, ...Object.values(grads)]);
  }
  tf.dispose([x, y, ...Object.values(params)]);
  return losses;
};

beforeAll(() => registerTrainingKernels());

describe('a residual network training step', () => {
  it('has the same gradients on wasm as on cpu (conv + batch norm + residual + pooling + affine)', async () => {
    const onCpu = await gradientsOn('cpu');
    const onWasm = await gradientsOn('wasm');
    expect([...onWasm.keys()].sort()).toEqual([...onCpu.keys()].sort());
    const errors = [...onCpu].map(([name, g]) => [name, relativeError(onWasm.get(name) ?? [], g)] as const);
    const worst = errors.reduce((a, b) => (b[1] > a[1] ? b : a));
    console.info(`worst gradient relative error wasm vs cpu: ${worst[0]} ${worst[1].toExponential(2)}`);
    expect(worst[1]).toBeLessThan(1e-4);
  });

  it.each(['wasm', 'cpu'])('trains on %s: the loss falls over a few SGD steps and no tensor leaks', async (backend) => {
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const losses = train(8, 0.1);
    console.info(`[${backend}] losses ${losses.map((l) => l.toFixed(3)).join(' ')}`);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)).toBeLessThan(0.7 * (losses[0] as number));
    expect(tf.memory().numTensors).toBe(before);
  });
});
