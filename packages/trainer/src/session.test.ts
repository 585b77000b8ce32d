import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { beforeAll, expect, it } from 'vitest';
import { initBackend, peakBufferBytes } from '@resnet-cifar/backend';
import { neonDefaults, type RunConfig } from './pure/run-config.ts';
import { createSession } from './session.ts';
import { cifarSample } from './test-support/cifar-sample.ts';

beforeAll(async () => {
  expect(E.isRight(await initBackend(tf, 'wasm'))).toBe(true);
});

const sample = cifarSample(16);
const batch = () => ({
  images: tf.tensor4d(Float32Array.from(sample.images, (v) => v - 128), [16, 32, 32, 3]),
  labels: tf.tensor1d(Int32Array.from(sample.labels), 'int32'),
});

/** One training step of a fresh session: its gradients, and the most bytes it held at once. */
const stepOf = async (config: RunConfig) => {
  const session = E.getOrElseW((m: string) => { throw new Error(m); })(createSession(tf, config));
  const { images, labels } = batch();
  const grads = new Map<string, Float32Array>();
  const peakBytes = await peakBufferBytes(tf, () => {
    const result = session.model.lossAndGradients(images, labels);
    for (const [name, g] of result.grads) grads.set(name, g.dataSync() as Float32Array);
    tf.dispose([result.loss, result.logits, ...result.grads.values()]);
  });
  tf.dispose([images, labels]);
  session.dispose();
  return { grads, peakBytes };
};

it('compiles the network with the config\'s recompute: less memory in a step, the same gradient bits', async () => {
  const config: RunConfig = { ...neonDefaults, depth: 2, seed: 5 };
  const plain = await stepOf(config);
  const recomputed = await stepOf({ ...config, recompute: 'blocks' });
  expect(recomputed.peakBytes).toBeLessThan(plain.peakBytes);
  expect([...recomputed.grads.keys()]).toEqual([...plain.grads.keys()]);
  for (const [name, g] of plain.grads) expect(Buffer.from(recomputed.grads.get(name)?.buffer ?? new ArrayBuffer(0)).equals(Buffer.from(g.buffer)), name).toBe(true);
});
