import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@resnet-cifar/backend';
import { graphOf } from './pure-tests/test-graphs.ts';
import type { ResnetOptions } from './pure/index.ts';

/** wasm with the training kernels, the backend the apps use on this machine. */
export const useWasm = async (): Promise<typeof tf> => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
};

/** Images on neon's scale (mean-subtracted pixels, roughly -128..128) and labels, from a seed. */
export const randomBatch = (batch: number, shape: readonly [number, number, number], classes: number, seed: number) => {
  const images = tf.randomNormal([batch, ...shape], 0, 60, 'float32', seed) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 7 + seed) % classes), 'int32');
  return { images, labels };
};

/** A small network that trains in milliseconds: n = 1, narrow, 8x8 images. */
export const tinyOptions = (extra: Partial<ResnetOptions> = {}): ResnetOptions => ({ n: 1, widths: [4, 8, 16], inputShape: [8, 8, 3], ...extra });

export const tinyGraph = (extra: Partial<ResnetOptions> = {}) => graphOf(tinyOptions(extra));
