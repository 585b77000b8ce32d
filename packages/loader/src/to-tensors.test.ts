import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import { toTensors } from './to-tensors.ts';
import { randomSplit } from './test-support/random-split.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('toTensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('makes [B,32,32,3] float32 images and int32 labels holding the batch values', async () => {
    const split = randomSplit(testSeed('toTensors'), 200);
    const it = epochBatchIterator(split, { seed: 1, epoch: 0, mode: 'train', batchSize: 64 });
    const { value: batch } = await it.next();
    await it.return?.();
    const { images, labels } = toTensors(tf, batch!);
    expect([images.shape, images.dtype, labels.shape, labels.dtype]).toEqual([[64, 32, 32, 3], 'float32', [64], 'int32']);
    expect(Array.from(await labels.data())).toEqual(Array.from(batch!.labels));
    expect((await images.data())[1234]).toBe(batch!.images[1234]);
    tf.dispose([images, labels]);
  });

  it('leaks no tensor over a full epoch when the receiver disposes what it gets', async () => {
    const split = randomSplit(testSeed('toTensors leak'), 5000);
    const before = tf.memory().numTensors;
    let steps = 0;
    for await (const batch of epochBatchIterator(split, { seed: 2, epoch: 0, mode: 'train' })) {
      const { images, labels } = toTensors(tf, batch);
      const sum = tf.tidy(() => images.sum().add(labels.sum().toFloat()));
      sum.dispose();
      tf.dispose([images, labels]);
      steps++;
    }
    expect(steps).toBe(40);
    expect(tf.memory().numTensors).toBe(before);
  });
});
