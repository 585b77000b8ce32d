import type * as tfjs from '@tensorflow/tfjs';
import { deriveSeed, type ParameterSpec } from './pure/index.ts';
import type { Tf } from './tf.ts';

// weight[0, 0, c, c] = 1: output channel c copies input channel c; extra output channels stay 0.
const identityKernel = (tf: Tf, shape: ReadonlyArray<number>): tfjs.Tensor => {
  const [kh = 1, kw = 1, cin = 0, cout = 0] = shape;
  const values = new Float32Array(kh * kw * cin * cout);
  for (let c = 0; c < Math.min(cin, cout); c += 1) values[c * cout + c] = 1;
  return tf.tensor(values, [kh, kw, cin, cout], 'float32');
};

/**
 * A parameter's starting value. Normal draws are plain (not truncated, unlike tfjs' heNormal) and
 * seeded per parameter from the model seed and the parameter's name.
 */
export const initialValue = (tf: Tf, spec: ParameterSpec, seed: number): tfjs.Tensor => {
  const shape = [...spec.shape];
  switch (spec.init.kind) {
    case 'normal':
      return tf.randomNormal(shape, 0, spec.init.std, 'float32', deriveSeed(seed, spec.name));
    case 'constant':
      return tf.fill(shape, spec.init.value, 'float32');
    case 'identity':
      return identityKernel(tf, shape);
  }
};
