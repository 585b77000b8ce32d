import type * as tfjs from '@tensorflow/tfjs';
import type { Moments } from './evaluate-node.ts';
import type { Tf } from './tf.ts';

/**
 * Batch norm in training mode (batch moments, biased variance) with a hand-written gradient.
 * Autodiff through `moments` + `batchNorm` records ~20 ops per layer; this records one and runs
 * the textbook backward pass in ~10:
 *   dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy * xhat)).
 * `onMoments` receives the batch moments (kept; the receiver disposes them).
 */
export const trainingBatchNorm = (
  tf: Tf,
  x: tfjs.Tensor,
  gamma: tfjs.Tensor,
  beta: tfjs.Tensor,
  epsilon: number,
  onMoments: (moments: Moments) => void,
): tfjs.Tensor => {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const op = tf.customGrad((...args: Array<tfjs.Tensor | tfjs.GradSaveFunc>) => {
    const [xIn, gammaIn, betaIn, save] = args as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.GradSaveFunc];
    // tf.moments would subtract the mean a second time; one centred copy serves both.
    const mean = tf.mean(xIn, axes);
    const centred = tf.sub(xIn, mean);
    const variance = tf.mean(tf.square(centred), axes);
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(centred, invStd);
    save([xhat, invStd, gammaIn]);
    const value = tf.add(tf.mul(xhat, gammaIn), betaIn);
    onMoments({ mean: tf.keep(mean), variance: tf.keep(variance) });
    return {
      value,
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => {
        const [savedXhat, savedInvStd, savedGamma] = saved as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
        const dbeta = tf.sum(dy, axes);
        const dgamma = tf.sum(tf.mul(dy, savedXhat), axes);
        const count = dy.size / (dy.shape[dy.rank - 1] ?? 1);
        const centred = tf.sub(tf.sub(dy, tf.div(dbeta, count)), tf.mul(savedXhat, tf.div(dgamma, count)));
        return [tf.mul(centred, tf.mul(savedGamma, savedInvStd)), dgamma, dbeta];
      },
    };
  });
  return op(x, gamma, beta);
};
