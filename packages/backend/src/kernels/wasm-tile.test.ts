import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

/** Reference tile: every output index maps back to the input index modulo the input's shape. */
const refTile = (x: ArrayLike<number>, shape: readonly number[], reps: readonly number[]): number[] => {
  const outShape = shape.map((d, i) => d * (reps[i] as number));
  const size = outShape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    let rest = flat;
    let src = 0;
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const coord = rest % (outShape[axis] as number);
      rest = Math.floor(rest / (outShape[axis] as number));
      src += (coord % (shape[axis] as number)) * stride;
      stride *= shape[axis] as number;
    }
    out.push(x[src] as number);
  }
  return out;
};

const cases: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
  [[1, 1, 1, 5], [3, 4, 2, 1]], // batch-norm gradient broadcast of a per-channel vector
  [[1, 1, 1, 20], [2, 3, 3, 1]], // blocks long enough for copyWithin
  [[2, 3], [3, 2]], // non-broadcast repeat on both axes
  [[4], [3]],
  [[2, 1, 3, 1, 2], [1, 2, 1, 3, 2]],
  [[3, 2, 1], [1, 1, 1]],
  [[2, 2], [0, 2]],
];

const seed = testSeed('wasm Tile');
const next = seededRandom(seed);

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Tile on wasm', () => {
  it.each(cases.map(([s, r]) => [`${s.join('x')} by ${r.join('x')}`, s, r] as const))(
    'repeats float32, int32 and bool exactly like the index-mapping reference: %s',
    (_, shape, reps) => {
      const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
      const size = shape.reduce((a, b) => a * b, 1);
      const floats = nonZeroValues(next, size);
      const ints = Int32Array.from(floats, (v) => Math.round(v * 1000));
      const bools = Uint8Array.from(floats, (v) => (v > 0 ? 1 : 0));
      for (const [values, dtype] of [[floats, 'float32'], [ints, 'int32'], [bools, 'bool']] as const) {
        const x = tf.tensor(values, [...shape], dtype);
        const y = tf.tile(x, [...reps]);
        expect(Array.from(y.dataSync())).toEqual(refTile(values, shape, reps));
        tf.dispose([x, y]);
      }
      expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    },
  );
});
