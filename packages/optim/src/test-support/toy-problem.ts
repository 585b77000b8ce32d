import type * as tfjs from '@tensorflow/tfjs';
import { createSgd, type CreateSgdOptions } from '../create-sgd.ts';

// A two-parameter problem small enough to differentiate by hand:
//   L(a, b) = 0.5 (a b x - y)^2,  dL/da = r b x,  dL/db = r a x,  r = a b x - y.
// `a` is named like a convolution weight, `b` like a batch-norm gamma, so the decay exemption shows.
export const toyNames = { a: 'stage2/block0/conv1/weights', b: 'stage1/block0/bn1/gamma' } as const;

export interface Toy {
  readonly init: readonly [number, number];
  readonly x: number;
  readonly y: number;
}

// Magnitudes in [0.4, 1] and a first residual of at least 0.32, so gradients are never near zero:
// over 20,000 seeds, weight decay 1e-4 moved the weights by more than 2.9e-5 within five updates,
// the two momentum forms parted by more than 0.015 at the lr drop, and float32 tfjs stayed within
// 2e-7 of the float64 reference (600 seeds): the 1e-6 tolerance has room on both sides.
export const drawToy = (next: () => number): Toy => {
  const magnitude = (): number => (0.4 + 0.6 * next()) * (next() < 0.5 ? -1 : 1);
  const [a, b, x, r0] = [magnitude(), magnitude(), 0.75 + 0.5 * next(), 0.8 * magnitude()].map(Math.fround) as [number, number, number, number];
  // Float32 values, so the float64 reference starts where tfjs does.
  return { init: [a, b], x, y: Math.fround(a * b * x - r0) };
};

export interface ReferenceOptions {
  readonly form: 'neon' | 'pytorch';
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly decayBatchNorm: boolean;
}

// One parameter, written out in float64 from the formulas in DESIGN.md and PyTorch's docs.
const stepOne = (w: number, v: number, g: number, lr: number, wd: number, o: ReferenceOptions): [number, number] => {
  const d = g + wd * w;
  if (o.form === 'neon') {
    const vNew = o.momentum * v - lr * d;
    return [w + (o.nesterov ? o.momentum * vNew - lr * d : vNew), vNew];
  }
  const vNew = o.momentum * v + d;
  return [w - lr * (o.nesterov ? d + o.momentum * vNew : vNew), vNew];
};

/** (a, b) after each update, by hand in float64. */
export const referenceRun = (toy: Toy, lrs: ReadonlyArray<number>, o: ReferenceOptions): Array<[number, number]> => {
  let [a, b] = toy.init;
  let [va, vb] = [0, 0];
  return lrs.map((lr) => {
    const r = a * b * toy.x - toy.y;
    const [ga, gb] = [r * b * toy.x, r * a * toy.x];
    [a, va] = stepOne(a, va, ga, lr, o.weightDecay, o);
    [b, vb] = stepOne(b, vb, gb, lr, o.decayBatchNorm ? o.weightDecay : 0, o);
    return [a, b];
  });
};

/** A named variable; tidy disposes the initial tensor, which the variable does not take over. */
export const scalarVariable = (tf: typeof tfjs, value: number, name: string): tfjs.Variable =>
  tf.tidy(() => tf.variable(tf.scalar(value), true, name));

/** The same run with tfjs autodiff and `createSgd`; everything it creates is disposed. */
export const tfjsRun = (tf: typeof tfjs, toy: Toy, lrs: ReadonlyArray<number>, options: CreateSgdOptions): Array<[number, number]> => {
  const a = scalarVariable(tf, toy.init[0], toyNames.a);
  const b = scalarVariable(tf, toy.init[1], toyNames.b);
  const sgd = createSgd(tf, new Map([[toyNames.a, a], [toyNames.b, b]]), options);
  try {
    return lrs.map((lr) => {
      const { value, grads } = tf.variableGrads(() => tf.mul(tf.square(tf.sub(tf.mul(tf.mul(a, b), toy.x), toy.y)), 0.5) as tfjs.Scalar, [a, b]);
      sgd.apply(new Map(Object.entries(grads)), lr);
      tf.dispose([value, ...Object.values(grads)]);
      return [a.dataSync()[0] ?? NaN, b.dataSync()[0] ?? NaN];
    });
  } finally {
    tf.dispose([a, b]);
    sgd.dispose();
  }
};
