import type * as tfjs from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { graphOf } from './pure-tests/test-graphs.ts';
import { randomBatch, reluInputs, sameSides, tinyGraph, useWasm } from './test-support.ts';
import { getWeights } from './weights.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

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

  // The loss is smooth in the weights except at ReLU kinks. A central difference whose step puts
  // any ReLU input on the other side of zero measures no derivative: at a step of 1e-3 that is a
  // third of stage-1 entries (batch norm couples each weight to every pixel of its channel). So
  // each entry takes the largest step (1e-3 down to 1e-5) whose two ends leave every ReLU input on
  // its side, and is held to 1% of the gradient plus the float32 noise of the difference: its two
  // losses carry about 1e-6 of rounding (measured: at most 4e-7), divided by the step.
  it('gives gradients that match central differences over steps that cross no ReLU kink', () => {
    const model = compile(tinyGraph(), tf, { seed: 6 });
    const seed = testSeed('finite differences');
    const { images, labels } = randomBatch(4, [8, 8, 3], 10, seed);
    const { grads } = step(model, images, labels);
    /** The central difference at one entry over the largest smooth step, if any. */
    const centralDifference = (name: string, index: number): { readonly slope: number; readonly eps: number } | undefined => {
      const variable = model.trainable.get(name) as tfjs.Variable;
      const original = variable.dataSync().slice();
      const at = (delta: number) => {
        variable.assign(tf.tidy(() => tf.tensor(original.map((v, i) => (i === index ? v + delta : v)), variable.shape)));
        return { loss: step(model, images, labels).loss, relus: reluInputs(model, images) };
      };
      let smooth: { readonly slope: number; readonly eps: number } | undefined;
      for (const eps of [1e-3, 3e-4, 1e-4, 3e-5, 1e-5]) {
        const [plus, minus] = [at(eps), at(-eps)];
        smooth = sameSides(plus.relus, minus.relus) ? { slope: (plus.loss - minus.loss) / (2 * eps), eps } : undefined;
        if (smooth) break;
      }
      variable.assign(tf.tidy(() => tf.tensor(original, variable.shape)));
      return smooth;
    };
    const next = seededRandom(seed);
    for (const name of ['head/dense/weights', 'stage1/block0/conv2/weights']) {
      const size = model.trainable.get(name)?.size ?? 0;
      let judged = 0;
      for (let tries = 0; judged < 6 && tries < 30; tries += 1) {
        const index = Math.floor(next() * size);
        const [numeric, analytic] = [centralDifference(name, index), grads.get(name)?.[index] ?? NaN];
        if (numeric === undefined) continue;
        const what = `${name}[${index}]: ${numeric.slope} by differences over ${numeric.eps}, ${analytic} by the tape`;
        expect(Math.abs(numeric.slope - analytic), what).toBeLessThanOrEqual(0.01 * Math.abs(analytic) + 1e-6 / numeric.eps);
        judged += 1;
      }
      expect(judged, `${name}: too few entries with a step that crosses no kink`).toBe(6);
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
