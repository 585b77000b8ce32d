import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@resnet-cifar/backend';
import { compile, resnet } from '@resnet-cifar/resnet-graph';
import { evaluateSplit } from './evaluate.ts';
import { cifarSample } from './test-support/cifar-sample.ts';

beforeAll(async () => {
  expect(E.isRight(await initBackend(tf, 'wasm'))).toBe(true);
});

describe('evaluateSplit', () => {
  it('evaluates a split smaller than one batch whole, as batches that fit would, leaking nothing', async () => {
    const graph = resnet({ n: 1 });
    if (E.isLeft(graph)) throw new Error(graph.left);
    const model = compile(graph.right, tf, { seed: 3 });
    const split = cifarSample(100, 'test_batch.bin');
    const before = tf.memory().numTensors;
    const whole = await evaluateSplit(tf, model, split, { batchSize: 128, classes: 10, flip: false });
    expect(tf.memory().numTensors).toBe(before);
    const inSevens = await evaluateSplit(tf, model, split, { batchSize: 7, classes: 10, flip: false });
    expect(whole.count).toBe(100);
    expect(whole.error).toBe(inSevens.error);
    expect(whole.loss).toBeCloseTo(inSevens.loss, 5);
    model.dispose();
  });
});
