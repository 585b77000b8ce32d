import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../register-training-kernels.ts';
import { sgdUpdateKernel } from './wasm-sgd-update.ts';
import { nonZeroValues, seededRandom, testSeed } from '@resnet-cifar/test-support';

const next = seededRandom(testSeed('wasm sgd update'));

interface Rule {
  readonly form: 'neon' | 'pytorch';
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

/** optim's update with tf ops (update-rule.ts), which the kernel must match bit for bit. */
const withOps = (r: Rule, w: tf.Tensor, v: tf.Tensor, g: tf.Tensor, lr: number, m: number): tf.Tensor[] => {
  const decayed = r.weightDecay === 0 ? g : tf.add(g, tf.mul(w, r.weightDecay));
  if (r.form === 'neon') {
    const step = tf.mul(decayed, lr);
    const vNew = tf.sub(tf.mul(v, m), step);
    return [tf.add(w, r.nesterov ? tf.sub(tf.mul(vNew, m), step) : vNew), vNew];
  }
  const vNew = tf.add(tf.mul(v, m), decayed);
  return [tf.sub(w, tf.mul(r.nesterov ? tf.add(decayed, tf.mul(vNew, m)) : vNew, lr)), vNew];
};

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

const rules: readonly Rule[] = (['neon', 'pytorch'] as const).flatMap((form) =>
  [false, true].flatMap((nesterov) => [0, 1e-4].map((weightDecay) => ({ form, nesterov, weightDecay }))),
);

// 10 values: the tail alone; 3x3x16x32 + ...: whole vectors in two calls and a tail of 3.
describe.each([[10], [16], [3 * 3 * 16 * 32 + 16387]])('the fused SGD update of %i values', (size) => {
  it.each(rules.map((r) => [`${r.form}${r.nesterov ? ', Nesterov' : ''}, decay ${r.weightDecay}`, r] as const))(
    'gives the bits of the tf ops: %s',
    (_, rule) => {
      const [w, v, g] = [0, 1, 2].map(() => tf.tensor1d(nonZeroValues(next, size)));
      const [lr, momentum] = [0.1 * next() + 0.01, 0.9];
      const tensors = tf.memory().numTensors;
      const fused = tf.tidy(() => (tf.engine().runKernel(sgdUpdateKernel, { w: w!, v: v!, g: g! }, { lr, momentum, ...rule }) as tf.Tensor[]).map((t) => Array.from(t.dataSync())));
      const ops = tf.tidy(() => withOps(rule, w!, v!, g!, lr, momentum).map((t) => Array.from(t.dataSync())));
      expect(tf.memory().numTensors).toBe(tensors);
      expect(fused).toEqual(ops);
      tf.dispose([w!, v!, g!]);
    },
  );
});
