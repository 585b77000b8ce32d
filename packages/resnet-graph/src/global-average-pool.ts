import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './tf.ts';

/**
 * The mean over every pixel of each image and channel ([n, h, w, c] -> [n, 1, 1, c]), with a
 * gradient of its own: dy / (h w) spread over the pixels. tfjs's Mean gradient builds a tensor of
 * ones of x's shape in JavaScript, then multiplies dy by it and divides: on wasm about 3 ms a
 * step on the main thread alone, for the same numbers (dy * 1 / (h w) is dy / (h w)).
 */
export const globalAveragePool = (tf: Tf, x: tfjs.Tensor4D): tfjs.Tensor4D => {
  const shape = x.shape; // the shape only: the gradient must not hold x itself
  const pool = tf.customGrad((...args: Array<tfjs.Tensor | tfjs.GradSaveFunc>) => ({
    value: tf.mean(args[0] as tfjs.Tensor, [1, 2], true),
    gradFunc: (dy: tfjs.Tensor) => tf.broadcastTo(tf.div(dy, shape[1] * shape[2]), shape),
  })) as (input: tfjs.Tensor) => tfjs.Tensor;
  return pool(x) as tfjs.Tensor4D;
};
