import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deviceSums } from './device-sums.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('deviceSums', () => {
  it('sums batch losses weighted by batch size and counts argmax misclassifications', async () => {
    const before = tf.memory().numTensors;
    const sums = deviceSums(tf);
    const batches = [
      { loss: 2.0, logits: [[1, 3, 0], [5, 1, 1]], labels: [1, 2] }, // second is wrong
      { loss: 0.5, logits: [[0, 0.5, 2], [3, 1, -1], [0.2, 0.1, 0.3]], labels: [2, 1, 0] }, // two wrong
    ];
    for (const b of batches) {
      tf.tidy(() => sums.add(tf.scalar(b.loss), tf.tensor2d(b.logits), tf.tensor1d(b.labels, 'int32')));
    }
    expect(await sums.read()).toEqual({ lossSum: 2 * 2 + 0.5 * 3, errors: 3, count: 5 });
    expect(tf.memory().numTensors).toBe(before + 1); // the sums themselves, until disposed
    sums.reset();
    expect(await sums.read()).toEqual({ lossSum: 0, errors: 0, count: 0 });
    sums.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('notes the first step whose loss is NaN or infinite, and no other', async () => {
    const before = tf.memory().numTensors;
    const sums = deviceSums(tf);
    const logits = tf.tensor2d([[1, 0]]);
    const labels = tf.tensor1d([0], 'int32');
    const add = (loss: number, step: number) => tf.tidy(() => sums.add(tf.scalar(loss), logits, labels, step));
    [[1.5, 0], [0.5, 1]].forEach(([loss = 0, step = 0]) => add(loss, step));
    expect((await sums.read()).nonFiniteStep).toBeUndefined();
    [[Infinity, 2], [NaN, 3], [0.25, 4]].forEach(([loss = 0, step = 0]) => add(loss, step));
    const read = await sums.read();
    expect(read.nonFiniteStep).toBe(2);
    expect(Number.isFinite(read.lossSum)).toBe(false);
    sums.reset();
    add(NaN, 0); // step 0 is a step like any other
    expect((await sums.read()).nonFiniteStep).toBe(0);
    tf.dispose([logits, labels]);
    sums.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('restored from sums read mid-way, ends exactly where uninterrupted sums end', async () => {
    const losses = [2.3025851, 1.7, 0.1 + 0.2, 1e-7, 3.3333333];
    const logits = tf.tensor2d([[0, 1], [1, 0], [1, 0]]);
    const labels = tf.tensor1d([1, 1, 0], 'int32');
    const run = async (sums: ReturnType<typeof deviceSums>, from: number) => {
      for (let i = from; i < losses.length; i += 1) tf.tidy(() => sums.add(tf.scalar(losses[i] ?? 0), logits, labels, i));
      return sums.read();
    };
    const whole = deviceSums(tf);
    const expected = await run(whole, 0);
    const firstPart = deviceSums(tf);
    for (let i = 0; i < 2; i += 1) tf.tidy(() => firstPart.add(tf.scalar(losses[i] ?? 0), logits, labels, i));
    const resumed = deviceSums(tf);
    resumed.restore(await firstPart.read());
    expect(await run(resumed, 2)).toEqual(expected);
    [whole, firstPart, resumed].forEach((s) => s.dispose());
    tf.dispose([logits, labels]);
  });
});
