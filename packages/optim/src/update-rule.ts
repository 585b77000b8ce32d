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

// The fused kernel @resnet-cifar/backend registers for wasm (its sgdUpdateKernel); named here
// because this library never imports a backend. Its float32 operations are the ones below, in order.
const fusedKernel = 'ResnetSgdUpdate';

const fused = (tf: typeof tfjs, options: SgdOptions, { w, v, g, lr, weightDecay }: UpdateInputs): boolean => {
  if (w.dtype !== 'float32' || tf.getKernel(fusedKernel, tf.getBackend()) === undefined) return false;
  const attrs = { lr, momentum: options.momentum, weightDecay, form: options.form, nesterov: options.nesterov };
  const [wNew, vNew] = tf.engine().runKernel(fusedKernel, { w, v, g }, attrs) as [tfjs.Tensor, tfjs.Tensor];
  w.assign(wNew);
  v.assign(vNew);
  return true;
};

/**
 * Updates `w` and its velocity `v` in place: in one fused kernel where the backend has it
 * (one call instead of six ops and three scalar uploads per variable), else with tf ops. Intermediates live in one tidy per variable, so the
 * peak extra memory is a few copies of the largest variable, not of the whole model.
 */
export const updateVariable = (tf: typeof tfjs, options: SgdOptions, { w, v, g, lr, weightDecay }: UpdateInputs): void =>
  tf.tidy(() => {
    if (fused(tf, options, { w, v, g, lr, weightDecay })) return;
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
