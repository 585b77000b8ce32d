import type * as tfjs from '@tensorflow/tfjs';
import { batchNormPasses } from './batch-norm-passes.ts';
import type { Moments } from './evaluate-node.ts';
import type { Tf } from './tf.ts';

type Op = (x: tfjs.Tensor, gamma: tfjs.Tensor, beta: tfjs.Tensor) => tfjs.Tensor;

/**
 * Batch norm in training mode (batch moments, biased variance) with a hand-written gradient.
 * Autodiff through `moments` + `batchNorm` records ~20 ops per layer; this records one and keeps
 * x and the moments for its backward pass. On a backend with the fused kernels (wasm with
 * @resnet-cifar/backend's training kernels) each direction is two passes over the activations;
 * elsewhere ~10 tf ops. `onMoments` receives the batch moments (kept; the receiver disposes them).
 */
export const trainingBatchNorm = (
  tf: Tf,
  x: tfjs.Tensor,
  gamma: tfjs.Tensor,
  beta: tfjs.Tensor,
  epsilon: number,
  onMoments: (moments: Moments) => void,
): tfjs.Tensor => {
  const passes = batchNormPasses(tf, x, epsilon);
  const op = tf.customGrad((...args: Array<tfjs.Tensor | tfjs.GradSaveFunc>) => {
    const [input, g, b, save] = args as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.GradSaveFunc];
    const { y, mean, variance } = passes.train(input, g, b);
    save([input, mean, variance, g]);
    onMoments({ mean: tf.keep(mean), variance: tf.keep(variance) });
    return {
      value: y,
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => {
        const [sx, sMean, sVariance, sGamma] = saved as [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor, tfjs.Tensor];
        return tf.tidy(() => [...passes.grad(dy, sx, { mean: sMean, variance: sVariance }, sGamma)]);
      },
    };
  }) as Op;
  return op(x, gamma, beta);
};
