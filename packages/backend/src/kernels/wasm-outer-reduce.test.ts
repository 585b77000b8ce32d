import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

/** Float64 reduction by explicit index arithmetic over any set of axes. */
const refReduce = (x: ArrayLike<number>, shape: readonly number[], axes: readonly number[], mean: boolean): number[] => {
  const rank = shape.length;
  const reduced = new Set(axes.map((a) => (a < 0 ? a + rank : a)));
  const kept = shape.filter((_, i) => !reduced.has(i));
  const out = new Array<number>(kept.reduce((a, b) => a * b, 1)).fill(0);
  const count = shape.filter((_, i) => reduced.has(i)).reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < x.length; flat++) {
    let rest = flat;
    let target = 0;
    let stride = 1;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const coord = rest % (shape[axis] as number);
      rest = Math.floor(rest / (shape[axis] as number));
      if (!reduced.has(axis)) {
        target += coord * stride;
        stride *= shape[axis] as number;
      }
    }
    out[target] = (out[target] as number) + (x[flat] as number);
  }
  return mean ? out.map((v) => v / count) : out;
};

/**
 * Whether each output is within float32's worst-case summation error of the float64 reference:
 * |sum - exact| <= (count - 1) u sum|x| (Higham), u = 2^-24, plus one rounding for a mean's
 * division; held at twice that. A relative error against the largest output is no bound: a sum
 * of mixed signs can cancel to near zero while its rounding errors do not.
 */
const withinSummationError = (actual: ArrayLike<number>, reference: readonly number[], absoluteSums: readonly number[], count: number): boolean =>
  actual.length === reference.length &&
  reference.every((exact, i) => Math.abs((actual[i] as number) - exact) <= 2 * (count * 2 ** -24) * (absoluteSums[i] as number));

const cases: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
  [[3, 5, 4, 6], [0, 1, 2]], // batch-norm statistics of NHWC
  [[7, 3], [0]],
  [[2, 3, 4], [-3, -2]],
  [[2, 3, 4], [0, 2]], // not a prefix: stock kernel
  [[2, 3, 4], [2]],
  [[4, 5], [0, 1]], // every axis: stock kernel
  [[3, 5, 4, 8], [1, 2]], // Mean: the global average pool's own pass (Sum: stock kernel)
  [[2, 3, 3, 3], [-2, -3]], // channels not in 4s: stock kernel
];

const seed = testSeed('wasm Sum/Mean');
const next = seededRandom(seed);

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Sum and Mean on wasm', () => {
  it.each(cases.map(([s, a]) => [`${s.join('x')} over ${a.join(',')}`, s, a] as const))(
    'match a float64 reference with and without keepDims: %s',
    (_, shape, axes) => {
      const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
      const values = nonZeroValues(next, shape.reduce((a, b) => a * b, 1));
      const x = tf.tensor(values, [...shape]);
      for (const keepDims of [false, true]) {
        const sum = tf.sum(x, [...axes], keepDims);
        const mean = tf.mean(x, [...axes], keepDims);
        const count = shape.filter((_, i) => axes.some((a) => (a < 0 ? a + shape.length : a) === i)).reduce((a, b) => a * b, 1);
        const magnitudes = values.map(Math.abs);
        expect(withinSummationError(sum.dataSync(), refReduce(values, shape, axes, false), refReduce(magnitudes, shape, axes, false), count)).toBe(true);
        expect(withinSummationError(mean.dataSync(), refReduce(values, shape, axes, true), refReduce(magnitudes, shape, axes, true), count)).toBe(true);
        expect(sum.shape).toEqual(tf.tidy(() => tf.sum(tf.zerosLike(x).add(1), [...axes], keepDims).shape));
        tf.dispose([sum, mean]);
      }
      x.dispose();
      expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    },
  );

  it("takes the Mean over the pixels of NHWC as the stock kernel does, bit for bit: each image's sum in pixel order over h w", () => {
    const [n, h, w, c] = [5, 6, 7, 12];
    const values = nonZeroValues(next, n * h * w * c);
    const x = tf.tensor4d(values, [n, h, w, c]);
    const mean = tf.mean(x, [1, 2]);
    const inOrder = Array.from({ length: n * c }, (_, i) => {
      let sum = 0;
      for (let p = 0; p < h * w; p++) sum = Math.fround(sum + (values[(Math.floor(i / c) * h * w + p) * c + (i % c)] as number));
      return Math.fround(sum / (h * w));
    });
    expect(Array.from(mean.dataSync())).toEqual(inOrder);
    tf.dispose([x, mean]);
  });

  it('leaves int32 sums to the stock kernel, exactly', () => {
    const x = tf.tensor([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32');
    const s = tf.sum(x, 0);
    expect([s.dtype, Array.from(s.dataSync())]).toEqual(['int32', [9, 12]]);
    tf.dispose([x, s]);
  });
});

describe('Identity and same-dtype Cast on wasm', () => {
  it('share the buffer safely: the copy outlives the original and nothing leaks', () => {
    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    const values = nonZeroValues(next, 12);
    const x = tf.tensor(values, [3, 4]);
    const cloned = tf.clone(x);
    const cast = tf.cast(x, 'float32');
    const asInt = tf.tidy(() => tf.cast(tf.mul(x, 10), 'int32'));
    x.dispose();
    expect(Array.from(cloned.dataSync())).toEqual(Array.from(values));
    expect(Array.from(cast.dataSync())).toEqual(Array.from(values));
    expect(Array.from(asInt.dataSync())).toEqual(Array.from(values, (v) => Math.fround(v * 10) | 0));
    tf.dispose([cloned, cast, asInt]);
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
  });
});
