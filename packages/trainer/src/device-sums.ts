import type * as tfjs from '@tensorflow/tfjs';

export interface SumsRead {
  readonly lossSum: number;
  readonly errors: number;
  readonly count: number;
}

/**
 * Running sums of loss and misclassifications that stay on the device: adding a batch costs
 * no read-back, so the host syncs once per epoch (or when it chooses), not once per step.
 */
export interface DeviceSums {
  /** `meanLoss` is the batch-mean cross-entropy; `logits` and `labels` give the misclassifications. */
  add(meanLoss: tfjs.Scalar, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D): void;
  read(): Promise<SumsRead>;
  reset(): void;
  dispose(): void;
}

export const misclassified = (tf: typeof tfjs, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D): tfjs.Tensor1D =>
  tf.tidy(() => tf.notEqual(tf.argMax(logits, 1).toInt(), labels.toInt()).toFloat() as tfjs.Tensor1D);

export const deviceSums = (tf: typeof tfjs): DeviceSums => {
  // [loss sum, error count]; one variable, updated in place, so a step allocates nothing that outlives it.
  const sums = tf.tidy(() => tf.variable(tf.zeros([2]), false));
  let count = 0;
  return {
    add(meanLoss, logits, labels) {
      const size = labels.shape[0];
      tf.tidy(() => {
        const errors = misclassified(tf, logits, labels).sum();
        sums.assign(sums.add(tf.stack([meanLoss.mul(size), errors])));
      });
      count += size;
    },
    async read() {
      const [lossSum = 0, errors = 0] = await sums.data();
      return { lossSum, errors, count };
    },
    reset() {
      tf.tidy(() => sums.assign(tf.zerosLike(sums)));
      count = 0;
    },
    dispose() {
      sums.dispose();
    },
  };
};
