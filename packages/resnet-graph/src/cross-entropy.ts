import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './tf.ts';

/** Batch-mean cross-entropy of softmax(logits) against integer labels; log-softmax keeps it stable. */
export const crossEntropy = (tf: Tf, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D): tfjs.Scalar =>
  tf.tidy(() => {
    const targets = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]);
    return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1))) as tfjs.Scalar;
  });
