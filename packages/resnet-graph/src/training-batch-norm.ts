import type * as tfjs from '@tensorflow/tfjs';
import type { Moments } from './evaluate-node.ts';
import type { Tf } from './tf.ts';

// Fused kernels @resnet-cifar/backend registers for wasm (its batchNormTrainKernel and
// batchNormGradKernel); named here because this library never imports a backend at run time.
const trainKernel = 'ResnetBatchNormTrain';
const gradKernel = 'ResnetBatchNormGrad';

type Op = (x: tfjs.Tensor, gamma: tfjs.Tensor, beta: tfjs.Tensor) => tfjs.Tensor;
type Body = (x: tfjs.Tensor, gamma: tfjs.Tensor, beta: tfjs.Tensor, save: tfjs.GradSaveFunc) => { value: tfjs.Tensor; gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => tfjs.Tensor[] };

const asOp = (tf: Tf, body: Body): Op =>
  tf.customGrad((...args: Array<tfjs.Tensor | tfjs.GradSaveFunc>) => {
    const [x, gamma, beta, save] = args as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.GradSaveFunc];
    return body(x, gamma, beta, save);
  }) as Op;

/** Two passes forward, two backward, in the backend's fused kernels. */
const fused = (tf: Tf, epsilon: number, onMoments: (moments: Moments) => void): Body => (x, gamma, beta, save) => {
  const [value, mean, variance] = tf.engine().runKernel(trainKernel, { x, gamma, beta }, { epsilon }) as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
  save([x, mean, variance, gamma]);
  onMoments({ mean: tf.keep(mean), variance: tf.keep(variance) });
  return {
    value,
    gradFunc: (dy, saved) => {
      const [sx, sMean, sVariance, sGamma] = saved as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
      return tf.engine().runKernel(gradKernel, { dy, x: sx, mean: sMean, variance: sVariance, gamma: sGamma }, { epsilon }) as tfjs.Tensor[];
    },
  };
};

/** The same with tf ops, for backends without the fused kernels. */
const withOps = (tf: Tf, axes: number[], epsilon: number, onMoments: (moments: Moments) => void): Body => (x, gamma, beta, save) => {
  // tf.moments would subtract the mean a second time; one centred copy serves both.
  const mean = tf.mean(x, axes);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes);
  const invStd = tf.rsqrt(tf.add(variance, epsilon));
  const xhat = tf.mul(centred, invStd);
  save([xhat, invStd, gamma]);
  onMoments({ mean: tf.keep(mean), variance: tf.keep(variance) });
  return {
    value: tf.add(tf.mul(xhat, gamma), beta),
    gradFunc: (dy, saved) => {
      const [savedXhat, savedInvStd, savedGamma] = saved as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
      const dbeta = tf.sum(dy, axes);
      const dgamma = tf.sum(tf.mul(dy, savedXhat), axes);
      const count = dy.size / (dy.shape[dy.rank - 1] ?? 1);
      const centredDy = tf.sub(tf.sub(dy, tf.div(dbeta, count)), tf.mul(savedXhat, tf.div(dgamma, count)));
      return [tf.mul(centredDy, tf.mul(savedGamma, savedInvStd)), dgamma, dbeta];
    },
  };
};

/**
 * Batch norm in training mode (batch moments, biased variance) with a hand-written gradient:
 *   dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy * xhat)).
 * Autodiff through `moments` + `batchNorm` records ~20 ops per layer; this records one. On a
 * backend with the fused kernels (wasm with @resnet-cifar/backend's training kernels) each
 * direction is two passes over the activations; elsewhere ~10 tf ops.
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
  const backend = tf.getBackend();
  const hasFused = tf.getKernel(trainKernel, backend) !== undefined && tf.getKernel(gradKernel, backend) !== undefined;
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  return asOp(tf, hasFused && x.dtype === 'float32' ? fused(tf, epsilon, onMoments) : withOps(tf, axes, epsilon, onMoments))(x, gamma, beta);
};
