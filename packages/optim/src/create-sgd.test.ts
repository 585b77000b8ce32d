import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSgd } from './create-sgd.ts';
import { drawToy, referenceRun, scalarVariable, tfjsRun, toyNames, type ReferenceOptions } from './test-support/toy-problem.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
// A failed test must not leave its named variables registered and fail the next one too.
afterEach(() => tf.disposeVariables());

const next = seededRandom(testSeed('sgd toy problem'));
const toy = drawToy(next);
// The lr drops between the second and third update, where the two forms part ways.
const lrs = [0.1, 0.1, 0.01, 0.01, 0.01];
const neon: ReferenceOptions = { form: 'neon', momentum: 0.9, weightDecay: 1e-4, nesterov: false, decayBatchNorm: true };

const maxGap = (x: Array<[number, number]>, y: Array<[number, number]>): number =>
  Math.max(...x.flatMap(([a, b], i) => [Math.abs(a - (y[i]?.[0] ?? NaN)), Math.abs(b - (y[i]?.[1] ?? NaN))]));

describe('five updates of the toy problem equal the hand computation to 1e-6', () => {
  it.each<[string, ReferenceOptions]>([
    ["neon's rule, weight decay 1e-4 (the default)", neon],
    ["neon's rule, no weight decay", { ...neon, weightDecay: 0 }],
    ["neon's rule, batch norm exempt from decay", { ...neon, weightDecay: 0.05, decayBatchNorm: false }],
    ["neon's rule, Nesterov", { ...neon, nesterov: true }],
    ['PyTorch/tfjs form, weight decay 1e-4', { ...neon, form: 'pytorch' }],
    ['PyTorch/tfjs form, no weight decay', { ...neon, form: 'pytorch', weightDecay: 0 }],
    ['PyTorch/tfjs form, Nesterov', { ...neon, form: 'pytorch', nesterov: true }],
  ])('%s', (_, options) => {
    expect(maxGap(tfjsRun(tf, toy, lrs, options), referenceRun(toy, lrs, options))).toBeLessThan(1e-6);
  });

  it('the tolerance is tight enough to see weight decay 1e-4', () => {
    expect(maxGap(referenceRun(toy, lrs, neon), referenceRun(toy, lrs, { ...neon, weightDecay: 0 }))).toBeGreaterThan(1e-5);
  });
});

describe("neon's form against the PyTorch/tfjs form", () => {
  it('agree while lr is constant and part at an lr drop, because neon keeps lr inside the velocity', () => {
    const [neonRun, torchRun] = [tfjsRun(tf, toy, lrs, neon), tfjsRun(tf, toy, lrs, { ...neon, form: 'pytorch' })];
    expect(maxGap(neonRun.slice(0, 2), torchRun.slice(0, 2))).toBeLessThan(1e-6);
    expect(maxGap(neonRun.slice(2, 3), torchRun.slice(2, 3))).toBeGreaterThan(1e-2);
  });

  it('by hand: w = 1, g = 0.5 twice, lr 0.1 then 0.01', () => {
    const run = (form: 'neon' | 'pytorch'): number[] => {
      const w = scalarVariable(tf, 1, toyNames.a);
      const g = tf.scalar(0.5);
      const sgd = createSgd(tf, new Map([[toyNames.a, w]]), { form });
      const after = [0.1, 0.01].map((lr) => (sgd.apply(new Map([[toyNames.a, g]]), lr), w.dataSync()[0] ?? NaN));
      tf.dispose([w, g]);
      sgd.dispose();
      return after;
    };
    // neon:    v1 = -0.1 (0.5 + 1e-4) = -0.05001, w1 = 0.94999
    //          v2 = 0.9 v1 - 0.01 (0.5 + 1e-4 w1) = -0.05000994999, w2 = 0.89998005001
    // pytorch: v1 = 0.5001, w1 = 1 - 0.1 v1 = 0.94999
    //          v2 = 0.9 v1 + 0.5 + 1e-4 w1 = 0.950184999, w2 = w1 - 0.01 v2 = 0.94048815001
    expect(run('neon')[0]).toBeCloseTo(0.94999, 6);
    expect(run('neon')[1]).toBeCloseTo(0.89998005001, 6);
    expect(run('pytorch')[0]).toBeCloseTo(0.94999, 6);
    expect(run('pytorch')[1]).toBeCloseTo(0.94048815001, 6);
  });

  it("the PyTorch form without decay is tfjs's own MomentumOptimizer", () => {
    const constantLr = [0.1, 0.1, 0.1, 0.1, 0.1];
    const a = scalarVariable(tf, toy.init[0], toyNames.a);
    const b = scalarVariable(tf, toy.init[1], toyNames.b);
    const optimizer = tf.train.momentum(0.1, 0.9);
    const stock = constantLr.map((): [number, number] => {
      optimizer.minimize(() => tf.mul(tf.square(tf.sub(tf.mul(tf.mul(a, b), toy.x), toy.y)), 0.5) as tf.Scalar, false, [a, b]);
      return [a.dataSync()[0] ?? NaN, b.dataSync()[0] ?? NaN];
    });
    optimizer.dispose();
    tf.dispose([a, b]);
    expect(maxGap(tfjsRun(tf, toy, constantLr, { form: 'pytorch', weightDecay: 0 }), stock)).toBeLessThan(1e-6);
  });
});

describe('createSgd refuses misuse', () => {
  it('throws on a gradient set that does not match its variables, and on undecoded bad options', () => {
    const w = scalarVariable(tf, 1, toyNames.a);
    const g = tf.scalar(0.5);
    const sgd = createSgd(tf, new Map([[toyNames.a, w]]));
    expect(() => sgd.apply(new Map(), 0.1)).toThrow(/no gradient for variable 'stage2\/block0\/conv1\/weights'/);
    expect(() => sgd.apply(new Map([[toyNames.a, g], ['other', g]]), 0.1)).toThrow(/gradient for 'other'/);
    expect(() => createSgd(tf, new Map([[toyNames.a, w]]), { momentum: 1.5 })).toThrow(/momentum must be a number in \[0, 1\)/);
    sgd.dispose();
    expect(() => sgd.apply(new Map([[toyNames.a, g]]), 0.1)).toThrow(/disposed/);
    tf.dispose([w, g]);
  });
});
