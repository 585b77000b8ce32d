import type * as tfjs from '@tensorflow/tfjs';
import type { Node } from './pure/index.ts';
import type { Tf } from './tf.ts';
import { globalAveragePool } from './global-average-pool.ts';
import { trainingBatchNorm } from './training-batch-norm.ts';

export type Mode = 'training' | 'inference';

/** Batch moments of one batch norm in training mode, for the running-statistics update. */
export interface Moments {
  readonly mean: tfjs.Tensor;
  readonly variance: tfjs.Tensor;
}

export interface NodeContext {
  readonly tf: Tf;
  readonly mode: Mode;
  readonly parameter: (name: string) => tfjs.Tensor;
  /** Called with each batch norm's batch moments in training mode. */
  readonly onMoments: (node: string, moments: Moments) => void;
}

const batchNorm = (ctx: NodeContext, node: Extract<Node, { kind: 'batchNorm' }>, x: tfjs.Tensor): tfjs.Tensor => {
  const { tf } = ctx;
  const p = (suffix: string) => ctx.parameter(`${node.name}/${suffix}`);
  if (ctx.mode === 'inference') return tf.batchNorm(x, p('runningMean'), p('runningVariance'), p('beta'), p('gamma'), node.epsilon);
  return trainingBatchNorm(tf, x, p('gamma'), p('beta'), node.epsilon, (moments) => ctx.onMoments(node.name, moments));
};

// Option A shortcut: keep pixels (0, s, 2s, ...) via reshape + slice (both differentiable on every
// backend, unlike stridedSlice), then append zero channels.
const channelPad = (tf: Tf, node: Extract<Node, { kind: 'channelPad' }>, x: tfjs.Tensor4D): tfjs.Tensor => {
  const [n, h, w, c] = x.shape;
  const s = node.stride;
  const [oh, ow] = [Math.ceil(h / s), Math.ceil(w / s)];
  const padded = oh * s === h && ow * s === w ? x : tf.pad(x, [[0, 0], [0, oh * s - h], [0, ow * s - w], [0, 0]]);
  const kept = tf.slice(tf.reshape(padded, [n, oh, s, ow, s, c]), [0, 0, 0, 0, 0, 0], [n, oh, 1, ow, 1, c]);
  return tf.pad(tf.reshape(kept, [n, oh, ow, c]), [[0, 0], [0, 0], [0, 0], [0, node.filters - c]]);
};

const avgPool = (tf: Tf, size: number, x: tfjs.Tensor4D): tfjs.Tensor =>
  // The global pool as a mean: the same numbers, and its gradient needs no AvgPoolGrad kernel.
  x.shape[1] === size && x.shape[2] === size ? globalAveragePool(tf, x) : tf.avgPool(x, size, size, 'valid');

/** One node's output from its inputs' outputs. */
export const evaluateNode = (ctx: NodeContext, node: Node, inputs: ReadonlyArray<tfjs.Tensor>): tfjs.Tensor => {
  const { tf } = ctx;
  const x = inputs[0] as tfjs.Tensor;
  switch (node.kind) {
    case 'input':
      throw new Error('evaluateNode: the input node has no computation');
    case 'conv':
      return tf.conv2d(x as tfjs.Tensor4D, ctx.parameter(`${node.name}/weights`) as tfjs.Tensor4D, node.stride, node.pad);
    case 'batchNorm':
      return batchNorm(ctx, node, x);
    case 'relu':
      return tf.relu(x);
    case 'add':
      return tf.add(x, inputs[1] as tfjs.Tensor);
    case 'channelPad':
      return channelPad(tf, node, x as tfjs.Tensor4D);
    case 'avgPool':
      return avgPool(tf, node.size, x as tfjs.Tensor4D);
    case 'dense':
      return tf.matMul(tf.reshape(x, [x.shape[0] ?? -1, -1]) as tfjs.Tensor2D, ctx.parameter(`${node.name}/weights`) as tfjs.Tensor2D);
    case 'softmax':
      return tf.softmax(x);
  }
};
