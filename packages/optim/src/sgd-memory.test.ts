import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSgd, type CreateSgdOptions } from './create-sgd.ts';
import { neonStep } from './pure/index.ts';
import { convLikeVariables, randomGrads } from './test-support/conv-like-variables.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
// A failed test must not leave its named variables registered and fail the next one too.
afterEach(() => tf.disposeVariables());

const next = seededRandom(testSeed('sgd memory'));

describe('tensor accounting', () => {
  it.each<[string, CreateSgdOptions]>([
    ['neon (default)', {}],
    ['PyTorch form with Nesterov', { form: 'pytorch', nesterov: true }],
    ['neon with Nesterov, batch norm exempt', { nesterov: true, decayBatchNorm: false }],
  ])('%s: tf.memory().numTensors is unchanged after 100 steps, and apply leaves the gradients alone', (_, options) => {
    const variables = convLikeVariables(tf, next);
    const sgd = createSgd(tf, variables, options);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 100; step++) {
      const grads = randomGrads(tf, next);
      // Epochs 88..92 or so: the lr drops mid-run, as in training.
      sgd.apply(grads, neonStep(88 + Math.floor(step / 25)));
      expect([...grads.values()].every((g) => !g.isDisposed)).toBe(true);
      tf.dispose([...grads.values()]);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(sgd.step).toBe(100);
    sgd.dispose();
    tf.dispose([...variables.values()]);
  });

  it('holds exactly one velocity per variable, freed by dispose', () => {
    const variables = convLikeVariables(tf, next);
    const before = tf.memory().numTensors;
    const sgd = createSgd(tf, variables);
    expect(tf.memory().numTensors).toBe(before + variables.size);
    sgd.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...variables.values()]);
  });

  it('getState and setState leave no tensors behind', async () => {
    const variables = convLikeVariables(tf, next);
    const sgd = createSgd(tf, variables);
    const before = tf.memory().numTensors;
    const state = await sgd.getState();
    expect(sgd.setState(state)._tag).toBe('Right');
    expect(tf.memory().numTensors).toBe(before);
    sgd.dispose();
    tf.dispose([...variables.values()]);
  });
});
