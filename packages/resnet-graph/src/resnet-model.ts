import type * as tfjs from '@tensorflow/tfjs';
import type { Graph, ParameterSpec } from './pure/index.ts';

/** One training step's results; the caller disposes loss, logits and every gradient. */
export interface LossAndGradients {
  /** Batch-mean cross-entropy of softmax(logits). */
  readonly loss: tfjs.Scalar;
  /** The head's output before the softmax, [batch, classes]. */
  readonly logits: tfjs.Tensor2D;
  /** d loss / d parameter, one per trainable parameter, keyed like `ResnetModel.trainable`. */
  readonly grads: Map<string, tfjs.Tensor>;
}

/**
 * A graph compiled to tfjs variables. Keys are parameter names (`stage2/block0/conv1/weights`,
 * `.../bn1/gamma`), never tfjs' variable names.
 */
export interface ResnetModel {
  readonly graph: Graph;
  readonly parameters: ReadonlyArray<ParameterSpec>;
  /** What the optimizer updates: convolution and affine weights, batch-norm gamma and beta. */
  readonly trainable: ReadonlyMap<string, tfjs.Variable>;
  /** Batch-norm running means and variances, and the fixed identity projections. */
  readonly nonTrainable: ReadonlyMap<string, tfjs.Variable>;
  /** Inference mode (running statistics): logits [batch, classes], before the softmax. The caller disposes them. */
  predict(images: tfjs.Tensor4D): tfjs.Tensor2D;
  /**
   * Training mode (batch statistics, biased variance): loss, logits and gradients, and, as a side
   * effect, running = momentum * running + (1 - momentum) * batch for every batch norm. Nothing else survives.
   */
  lossAndGradients(images: tfjs.Tensor4D, labels: tfjs.Tensor1D): LossAndGradients;
  /** Frees every variable; the model is unusable afterwards. */
  dispose(): void;
}
