import type * as tfjs from '@tensorflow/tfjs';
import type { Moments } from './evaluate-node.ts';
import type { Tf } from './tf.ts';

// Fused kernels @resnet-cifar/backend registers for wasm (batchNormTrainKernel, batchNormApplyKernel,
// batchNormGradKernel); named here because this library never imports a backend at run time.
const trainKernel = 'ResnetBatchNormTrain';
const applyKernel = 'ResnetBatchNormApply';
const gradKernel = 'ResnetBatchNormGrad';

/** A training batch norm's forward pass: y, the batch moments, and what `apply` needs to give y again. */
export interface Trained extends Moments {
  readonly y: tfjs.Tensor;
  /** Per-channel tensors only (a few floats each): `apply` computes y from x and these. */
  readonly affine: readonly tfjs.Tensor[];
}

/**
 * The passes of a training batch norm (channels last, batch moments, biased variance). With
 * `relu`, y is relu(y); with a `residual` (x's shape) too, relu(y + residual): a residual block's
 * closing. Both in the same pass where the kernels are fused, with the bits of an Add and a ReLU after it.
 */
export interface BatchNormPasses {
  readonly train: (x: tfjs.Tensor, gamma: tfjs.Tensor, beta: tfjs.Tensor, relu?: boolean, residual?: tfjs.Tensor) => Trained;
  /** `train`'s y from the same x and its `affine`, bit for bit: a backward pass recomputes y rather than keep it. */
  readonly apply: (x: tfjs.Tensor, affine: readonly tfjs.Tensor[], relu?: boolean, residual?: tfjs.Tensor) => tfjs.Tensor;
  /** dx, dgamma, dbeta from dy, x and the moments: dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy * xhat)). */
  readonly grad: (dy: tfjs.Tensor, x: tfjs.Tensor, moments: Moments, gamma: tfjs.Tensor) => readonly [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
}

/** The kernels' inputs: the residual only where there is one. */
const withResidual = (inputs: tfjs.NamedTensorMap, residual: tfjs.Tensor | undefined): tfjs.NamedTensorMap => (residual === undefined ? inputs : { ...inputs, residual });

/** Three passes forward (two for the moments), one to apply again, two backward, in the backend's fused kernels. */
const fused = (tf: Tf, epsilon: number): BatchNormPasses => ({
  train: (x, gamma, beta, relu = false, residual) => {
    const run = tf.engine().runKernel(trainKernel, withResidual({ x, gamma, beta }, residual), { epsilon, affine: true, relu });
    const [y, mean, variance, scale, shift] = run as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
    return { y, mean, variance, affine: [scale, shift] };
  },
  apply: (x, [scale, shift], relu = false, residual) => tf.engine().runKernel(applyKernel, withResidual({ x, scale, shift } as tfjs.NamedTensorMap, residual), { relu }) as tfjs.Tensor,
  grad: (dy, x, { mean, variance }, gamma) =>
    tf.engine().runKernel(gradKernel, { dy, x, mean, variance, gamma }, { epsilon }) as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor],
});

/** The same with tf ops, for backends without the fused kernels. Call inside `tf.tidy`. */
const withOps = (tf: Tf, axes: number[], epsilon: number): BatchNormPasses => {
  // y through one function in both `train` and `apply`, so the two give the same bits.
  const apply: BatchNormPasses['apply'] = (x, [mean, variance, gamma, beta], relu = false, residual) => {
    const normed = tf.add(tf.mul(tf.mul(tf.sub(x, mean as tfjs.Tensor), tf.rsqrt(tf.add(variance as tfjs.Tensor, epsilon))), gamma as tfjs.Tensor), beta as tfjs.Tensor);
    const y = residual === undefined ? normed : tf.add(normed, residual);
    return relu ? tf.relu(y) : y;
  };
  return {
    train: (x, gamma, beta, relu = false, residual) => {
      // tf.moments would subtract the mean a second time; one centred copy serves the variance.
      const mean = tf.mean(x, axes);
      const variance = tf.mean(tf.square(tf.sub(x, mean)), axes);
      const affine = [mean, variance, gamma, beta];
      return { y: apply(x, affine, relu, residual), mean, variance, affine };
    },
    apply,
    grad: (dy, x, { mean, variance }, gamma) => {
      const invStd = tf.rsqrt(tf.add(variance, epsilon));
      const xhat = tf.mul(tf.sub(x, mean), invStd);
      const dbeta = tf.sum(dy, axes);
      const dgamma = tf.sum(tf.mul(dy, xhat), axes);
      const count = dy.size / (dy.shape[dy.rank - 1] ?? 1);
      const centredDy = tf.sub(tf.sub(dy, tf.div(dbeta, count)), tf.mul(xhat, tf.div(dgamma, count)));
      return [tf.mul(centredDy, tf.mul(gamma, invStd)), dgamma, dbeta];
    },
  };
};

/** The fused kernels where the current backend has all three (float32 input), else tf ops. */
export const batchNormPasses = (tf: Tf, x: tfjs.Tensor, epsilon: number): BatchNormPasses => {
  const backend = tf.getBackend();
  const hasFused = [trainKernel, applyKernel, gradKernel].every((name) => tf.getKernel(name, backend) !== undefined);
  return hasFused && x.dtype === 'float32' ? fused(tf, epsilon) : withOps(tf, Array.from({ length: x.rank - 1 }, (_, i) => i), epsilon);
};
