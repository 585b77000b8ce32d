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
});
