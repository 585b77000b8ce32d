import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import { relativeError } from '../test-support/relative-error.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

type Op = (x: number, y: number) => number;
const ops: ReadonlyArray<readonly [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, Op]> = [
  ['add', tf.add, (x, y) => x + y],
  ['sub', tf.sub, (x, y) => x - y],
  ['mul', tf.mul, (x, y) => x * y],
  ['div', tf.div, (x, y) => x / y],
];

/** Reference broadcast: right-align the shapes, index each operand modulo its own dims. */
const refBinary = (a: Float32Array, as: number[], b: Float32Array, bs: number[], op: Op): number[] => {
  const rank = Math.max(as.length, bs.length);
  const pa = [...new Array<number>(rank - as.length).fill(1), ...as];
  const pb = [...new Array<number>(rank - bs.length).fill(1), ...bs];
  const out = pa.map((d, i) => Math.max(d, pb[i] as number));
  const offset = (coords: number[], shape: number[]): number =>
    coords.reduce((acc, c, i) => acc * (shape[i] as number) + (c % (shape[i] as number)), 0);
  const result: number[] = [];
  const size = out.reduce((x, y) => x * y, 1);
  for (let flat = 0; flat < size; flat++) {
    const coords: number[] = [];
    let rest = flat;
    for (let i = rank - 1; i >= 0; i--) {
      coords[i] = rest % (out[i] as number);
      rest = Math.floor(rest / (out[i] as number));
    }
    result.push(op(a[offset(coords, pa)] as number, b[offset(coords, pb)] as number));
  }
  return result;
};

const shapes: ReadonlyArray<readonly [number[], number[]]> = [
  // Outputs above 1024 elements, where the tiling path takes over.
  [[4, 6, 5, 16], [16]], // per-channel vector, as in a batch norm
  [[16], [4, 6, 5, 16]], // the small operand first: order matters for sub and div
  [[4, 6, 5, 16], [4, 1, 1, 16]],
  [[1, 6, 1, 1], [4, 6, 5, 16]],
  [[4, 6, 5, 16], [4, 6, 5, 16]], // same shape: stock path
  [[8, 16, 16, 32], [8, 16, 16, 32]], // same shape, large: our SIMD pass in 16384-value calls
  [[5, 17, 16, 16], [5, 17, 16, 16]], // ...with a last call of fewer values
  [[8, 16, 16, 32], [32]], // tiled, then our SIMD pass
  [[3, 5], [5]], // small: stock path
  [[40, 1], [1, 30]], // both broadcast: stock path
];

const seed = testSeed('wasm broadcast binary ops');
const next = seededRandom(seed);

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('broadcasting Add, Sub, Multiply, RealDiv on wasm', () => {
  it.each(shapes.map(([a, b]) => [`${a.join('x')} with ${b.join('x')}`, a, b] as const))(
    'match the reference broadcast for every op: %s',
    (_, as, bs) => {
      const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
      const av = nonZeroValues(next, as.reduce((x, y) => x * y, 1));
      const bv = nonZeroValues(next, bs.reduce((x, y) => x * y, 1));
      for (const [name, op, ref] of ops) {
        const out = tf.tidy(() => op(tf.tensor(av, as), tf.tensor(bv, bs)));
        const err = relativeError(out.dataSync(), refBinary(av, as, bv, bs, (x, y) => Math.fround(ref(x, y))));
        expect([name, err < 1e-6]).toEqual([name, true]);
        out.dispose();
      }
      expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    },
  );
});
