import type * as tfjs from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { graphOf } from './pure-tests/test-graphs.ts';
import { randomBatch, tinyGraph, useWasm } from './test-support.ts';
import { getWeights } from './weights.ts';
import { testSeed } from '@resnet-cifar/test-support';

const tf = await useWasm();

const step = (model: ReturnType<typeof compile>, images: tfjs.Tensor4D, labels: tfjs.Tensor1D) => {
  const result = model.lossAndGradients(images, labels);
  const out = { loss: result.loss.dataSync()[0] ?? NaN, logits: result.logits.arraySync(), grads: new Map([...result.grads].map(([k, g]) => [k, g.dataSync().slice()])) };
  tf.dispose([result.loss, result.logits, ...result.grads.values()]);
  return out;
};

describe('lossAndGradients', () => {
  it('returns the batch-mean cross-entropy of softmax(logits) and one gradient per trainable, leaking nothing', () => {
    const model = compile(tinyGraph(), tf, { seed: 3 });
    const { images, labels } = randomBatch(6, [8, 8, 3], 10, testSeed('loss'));
    const before = tf.memory().numTensors;
    const { loss, logits, grads } = step(model, images, labels);
    expect(tf.memory().numTensors).toBe(before);
    const targets = labels.arraySync();
    const expected = logits.reduce((sum, row, i) => {
      const max = Math.max(...row);
      const logSum = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
      return sum + logSum - (row[targets[i] ?? 0] ?? 0);
    }, 0) / logits.length;
    expect(loss).toBeCloseTo(expected, 4);
    expect([...grads.keys()].sort()).toEqual([...model.trainable.keys()].sort());
    tf.dispose([images, labels]);
    model.dispose();
  });

  it('trains the conv shortcut (option B) and a head without batch norm: finite loss, a gradient for each', () => {
    for (const extra of [{ shortcut: 'conv' as const }, { headBatchNorm: false }]) {
      const model = compile(tinyGraph(extra), tf, { seed: 10 });
      const { images, labels } = randomBatch(4, [8, 8, 3], 10, testSeed(`variant ${JSON.stringify(extra)}`));
      const before = tf.memory().numTensors;
      const { loss, grads } = step(model, images, labels);
      expect(tf.memory().numTensors).toBe(before);
      expect(Number.isFinite(loss)).toBe(true);
      expect([...grads.keys()].sort()).toEqual([...model.trainable.keys()].sort());
      expect(grads.has('stage2/block0/shortcut/conv/weights')).toBe(extra.shortcut === 'conv');
      tf.dispose([images, labels]);
      model.dispose();
    }
  });

  it('updates running statistics to 0.1 x the batch moments (biased variance) after one step from 0', async () => {
    const model = compile(graphOf({ n: 1 }), tf, { seed: 4 });
    const { images, labels } = randomBatch(4, [32, 32, 3], 10, testSeed('running statistics'));
    step(model, images, labels);
    const stem = tf.tidy(() => {
      const conv = tf.conv2d(images, model.trainable.get('stem/conv/weights') as tfjs.Tensor4D, 1, 1);
      const { mean, variance } = tf.moments(conv, [0, 1, 2]);
      return [mean.dataSync().slice(), variance.dataSync().slice()] as const;
    });
    const weights = await getWeights(model);
    const [runningMean, runningVariance] = [weights.get('stem/bn/runningMean'), weights.get('stem/bn/runningVariance')];
    stem[0].forEach((m, c) => expect(runningMean?.[c]).toBeCloseTo(0.1 * m, 2));
    stem[1].forEach((v, c) => expect((runningVariance?.[c] ?? 0) / (0.1 * v)).toBeCloseTo(1, 4));
    // The head's batch norm sees the affine's outputs over the batch only.
    expect(weights.get('head/bn/runningVariance')?.every((v) => v > 0)).toBe(true);
    tf.dispose([images, labels]);
    model.dispose();
  });

  it('never changes the identity projection, which gets no gradient', async () => {
    const model = compile(tinyGraph(), tf, { seed: 5 });
    const { images, labels } = randomBatch(4, [8, 8, 3], 10, testSeed('projection'));
    const before = (await getWeights(model)).get('stage2/block0/projection/weights');
    const { grads } = step(model, images, labels);
    expect(grads.has('stage2/block0/projection/weights')).toBe(false);
    expect((await getWeights(model)).get('stage2/block0/projection/weights')).toEqual(before);
    tf.dispose([images, labels]);
    model.dispose();
  });

  it('gives gradients that match finite differences', () => {
    const model = compile(tinyGraph(), tf, { seed: 6 });
    const { images, labels } = randomBatch(4, [8, 8, 3], 10, testSeed('finite differences'));
    const { grads } = step(model, images, labels);
    // |numeric - analytic| in units of (5% of the gradient + 0.003, float32 noise at these steps).
    // A step can cross a ReLU kink and spoil the larger one; a wrong gradient fails at both.
    const scaledError = (name: string, index: number): number => {
      const variable = model.trainable.get(name) as tfjs.Variable;
      const original = variable.dataSync().slice();
      const lossWith = (delta: number): number => {
        variable.assign(tf.tidy(() => tf.tensor(original.map((v, i) => (i === index ? v + delta : v)), variable.shape)));
        return step(model, images, labels).loss;
      };
      const analytic = grads.get(name)?.[index] ?? NaN;
      const errors = [1e-3, 1e-4].map((eps) => Math.abs((lossWith(eps) - lossWith(-eps)) / (2 * eps) - analytic));
      variable.assign(tf.tidy(() => tf.tensor(original, variable.shape)));
      return Math.min(...errors) / (0.05 * Math.abs(analytic) + 3e-3);
    };
    // Stage-1 weights reach the loss through every later block, where a step can cross a ReLU
    // kink and spoil one estimate, so judge the median of several (a wrong batch-norm or shortcut
    // gradient spoils them all); the affine after the last ReLU is smooth.
    for (const name of ['head/dense/weights', 'stage1/block0/conv2/weights']) {
      const errors = [1, 17, 40, 77, 120].map((index) => scaledError(name, index)).sort((x, y) => x - y);
      expect(errors[2], `${name}: scaled errors ${errors.map((e) => e.toFixed(3)).join(', ')}`).toBeLessThan(1);
    }
    tf.dispose([images, labels]);
    model.dispose();
  });

  it('gives the zero-pad shortcut the same gradients as the identity projection (the same function)', () => {
    const projected = compile(tinyGraph(), tf, { seed: 8 });
    const padded = compile(tinyGraph({ shortcut: 'zero-pad' }), tf, { seed: 8 });
    const { images, labels } = randomBatch(4, [8, 8, 3], 10, testSeed('shortcut gradients'));
    const [a, b] = [step(projected, images, labels), step(padded, images, labels)];
    expect(b.loss).toBeCloseTo(a.loss, 5);
    expect([...b.grads.keys()].sort()).toEqual([...a.grads.keys()].sort());
    for (const [name, grad] of a.grads) grad.forEach((v, i) => expect(b.grads.get(name)?.[i], name).toBeCloseTo(v, 4));
    tf.dispose([images, labels]);
    projected.dispose();
    padded.dispose();
  });
});

describe('predict', () => {
  it('uses running statistics, so an image\'s logits do not depend on the rest of the batch', () => {
    const model = compile(tinyGraph(), tf, { seed: 7 });
    const { images, labels } = randomBatch(4, [8, 8, 3], 10, testSeed('inference mode'));
    step(model, images, labels);
    const [all, first] = tf.tidy(() => [model.predict(images).arraySync()[0], model.predict(images.slice(0, 1)).arraySync()[0]]);
    first?.forEach((v, i) => expect(v).toBeCloseTo(all?.[i] ?? NaN, 3));
    const training = step(model, images.slice(0, 2), labels.slice(0, 2)).logits[0];
    expect(training?.some((v, i) => Math.abs(v - (all?.[i] ?? 0)) > 1e-2)).toBe(true);
    tf.dispose([images, labels]);
    model.dispose();
  });

  it('compiles ResNet-110 (n = 18) and runs it forward on wasm without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const model = compile(graphOf({ n: 18 }), tf, { seed: 9 });
    const { images, labels } = randomBatch(2, [32, 32, 3], 10, testSeed('resnet110'));
    const during = tf.memory().numTensors;
    const logits = model.predict(images);
    expect(logits.shape).toEqual([2, 10]);
    logits.dispose();
    expect(tf.memory().numTensors).toBe(during);
    tf.dispose([images, labels]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
