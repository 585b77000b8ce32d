import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@resnet-cifar/backend';
import { evaluateNode } from './evaluate-node.ts';
import { graphOf } from './pure-tests/test-graphs.ts';
import { nodeInputs, type ResnetOptions } from './pure/index.ts';
import type { ResnetModel } from './resnet-model.ts';

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

/**
 * The input of every ReLU in a training-mode forward pass: the loss is smooth in the weights
 * except where one of these crosses zero, so a finite difference whose two points put any of them
 * on different sides spans a kink and measures no derivative.
 */
export const reluInputs = (model: ResnetModel, images: tf.Tensor4D): Float32Array[] =>
  tf.tidy(() => {
    const variables = new Map([...model.trainable, ...model.nonTrainable]);
    const ctx = {
      tf,
      mode: 'training' as const,
      parameter: (name: string) => variables.get(name) as tf.Tensor,
      onMoments: (_: string, moments: { mean: tf.Tensor; variance: tf.Tensor }) => tf.dispose([moments.mean, moments.variance]),
    };
    const values = new Map<string, tf.Tensor>([[model.graph.nodes[0]?.name ?? 'input', images]]);
    const found: Float32Array[] = [];
    for (const node of model.graph.nodes.slice(1, -1)) {
      const inputs = nodeInputs(node).map((name) => values.get(name) as tf.Tensor);
      if (node.kind === 'relu') found.push(inputs[0]?.dataSync() as Float32Array);
      values.set(node.name, evaluateNode(ctx, node, inputs));
    }
    return found;
  });

/** Whether two passes put every ReLU input on the same side of zero (no kink between them). */
export const sameSides = (a: readonly Float32Array[], b: readonly Float32Array[]): boolean =>
  a.length === b.length && a.every((values, layer) => values.every((v, i) => Math.sign(v) === Math.sign(b[layer]?.[i] ?? NaN)));
