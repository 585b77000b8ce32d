import type * as tfjs from '@tensorflow/tfjs';

export interface SumsRead {
  readonly lossSum: number;
  readonly errors: number;
  readonly count: number;
  /** The first step (of those added since the last reset) whose loss was NaN or infinite, if any. */
  readonly nonFiniteStep?: number;
}

/**
 * Running sums of loss and misclassifications that stay on the device: adding a batch costs
 * no read-back, so the host syncs once per epoch (or when it chooses), not once per step.
 * The device also notes the first step whose loss is not finite, so a diverged run can be
 * stopped, and told which step went wrong, without reading the loss every step.
 */
export interface DeviceSums {
  /** `meanLoss` is the batch-mean cross-entropy; `logits` and `labels` give the misclassifications. */
  add(meanLoss: tfjs.Scalar, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D, step?: number): void;
  read(): Promise<SumsRead>;
  reset(): void;
  /** Continues from sums read earlier (an epoch resumed mid-way): the result is the same, bit for bit. */
  restore(from: Pick<SumsRead, 'lossSum' | 'errors' | 'count'>): void;
  dispose(): void;
}

export const misclassified = (tf: typeof tfjs, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D): tfjs.Tensor1D =>
  tf.tidy(() => tf.notEqual(tf.argMax(logits, 1).toInt(), labels.toInt()).toFloat() as tfjs.Tensor1D);

export const deviceSums = (tf: typeof tfjs): DeviceSums => {
  // [loss sum, error count, first non-finite step + 1 (0: none)]; one variable, updated in place,
  // so a step allocates nothing that outlives it.
  const sums = tf.tidy(() => tf.variable(tf.zeros([3]), false));
  let count = 0;
  return {
    add(meanLoss, logits, labels, step = 0) {
      const size = labels.shape[0];
      tf.tidy(() => {
        const errors = misclassified(tf, logits, labels).sum();
        const noneYet = tf.equal(sums.slice([2], [1]), 0).toFloat().reshape([]);
        const badHere = tf.sub(1, tf.isFinite(meanLoss).toFloat());
        sums.assign(sums.add(tf.stack([meanLoss.mul(size), errors, noneYet.mul(badHere).mul(step + 1)])));
      });
      count += size;
    },
    async read() {
      const [lossSum = 0, errors = 0, badStepPlusOne = 0] = await sums.data();
      return { lossSum, errors, count, ...(badStepPlusOne > 0 ? { nonFiniteStep: badStepPlusOne - 1 } : {}) };
    },
    reset() {
      tf.tidy(() => sums.assign(tf.zerosLike(sums)));
      count = 0;
    },
    restore(from) {
      tf.tidy(() => sums.assign(tf.tensor1d([from.lossSum, from.errors, 0])));
      count = from.count;
    },
    dispose() {
      sums.dispose();
    },
  };
};
