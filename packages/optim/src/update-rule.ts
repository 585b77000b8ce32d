import type * as tfjs from '@tensorflow/tfjs';
import type { SgdOptions } from './pure/index.ts';

/** One variable's update with everything it needs; `weightDecay` is already 0 for exempt variables. */
export interface UpdateInputs {
  readonly w: tfjs.Variable;
  readonly v: tfjs.Variable;
  readonly g: tfjs.Tensor;
  readonly lr: number;
  readonly weightDecay: number;
}

/**
 * Updates `w` and its velocity `v` in place. Intermediates live in one tidy per variable, so the
 * peak extra memory is a few copies of the largest variable, not of the whole model.
 */
export const updateVariable = (tf: typeof tfjs, options: SgdOptions, { w, v, g, lr, weightDecay }: UpdateInputs): void =>
  tf.tidy(() => {
    const m = options.momentum;
    const decayed = weightDecay === 0 ? g : tf.add(g, tf.mul(w, weightDecay));
    if (options.form === 'neon') {
      // v = m v - lr (g + wd w); w = w + v  (Nesterov: w = w + m v - lr (g + wd w))
      const lrStep = tf.mul(decayed, lr);
      const vNew = tf.sub(tf.mul(v, m), lrStep);
      w.assign(tf.add(w, options.nesterov ? tf.sub(tf.mul(vNew, m), lrStep) : vNew));
      v.assign(vNew);
    } else {
      // v = m v + (g + wd w); w = w - lr v  (Nesterov: w = w - lr ((g + wd w) + m v))
      const vNew = tf.add(tf.mul(v, m), decayed);
      const direction = options.nesterov ? tf.add(decayed, tf.mul(vNew, m)) : vNew;
      w.assign(tf.sub(w, tf.mul(direction, lr)));
      v.assign(vNew);
    }
  });
