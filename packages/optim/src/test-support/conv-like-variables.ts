import type * as tfjs from '@tensorflow/tfjs';
import { nonZeroValues } from '@resnet-cifar/test-support';

/** Shapes of a few ResNet parameters, named as the graph compiler names them. */
export const convLikeShapes: ReadonlyArray<readonly [string, number[]]> = [
  ['stage2/block0/conv1/weights', [3, 3, 16, 32]],
  ['stage2/block0/bn1/gamma', [32]],
  ['stage2/block0/bn1/beta', [32]],
  ['head/affine/weights', [64, 10]],
];

/** Fresh variables with random non-zero values; the caller disposes them. */
export const convLikeVariables = (tf: typeof tfjs, next: () => number): Map<string, tfjs.Variable> =>
  new Map(
    convLikeShapes.map(([name, shape]) => [
      name,
      tf.tidy(() => tf.variable(tf.tensor(nonZeroValues(next, shape.reduce((a, b) => a * b, 1)), shape), true, name)),
    ]),
  );

/** One random gradient per variable; the caller disposes them. */
export const randomGrads = (tf: typeof tfjs, next: () => number): Map<string, tfjs.Tensor> =>
  new Map(convLikeShapes.map(([name, shape]) => [name, tf.tensor(nonZeroValues(next, shape.reduce((a, b) => a * b, 1)), shape)]));
