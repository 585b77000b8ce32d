import type * as tfjs from '@tensorflow/tfjs';
import { nodeInputs, type Graph, type Node } from './pure/index.ts';
import type { NodeContext } from './evaluate-node.ts';

type ConvNode = Extract<Node, { kind: 'conv' }>;
type BatchNormNode = Extract<Node, { kind: 'batchNorm' }>;

/** A conv whose only reader is a batch norm, and the ReLU after it if the norm's only reader is one. */
export interface ConvBnFold {
  readonly conv: ConvNode;
  readonly batchNorm: BatchNormNode;
  readonly relu: boolean;
  /** The node whose output the fused op produces (the ReLU, else the batch norm). */
  readonly last: string;
}

const readersOf = (graph: Graph): ReadonlyMap<string, readonly Node[]> => {
  const readers = new Map<string, Node[]>();
  for (const node of graph.nodes) for (const name of nodeInputs(node)) readers.set(name, [...(readers.get(name) ?? []), node]);
  return readers;
};

/** The conv -> batch norm (-> ReLU) chains inference can run as one fused convolution, by conv name. */
export const convBnFolds = (graph: Graph): ReadonlyMap<string, ConvBnFold> => {
  const readers = readersOf(graph);
  const only = (name: string): Node | undefined => {
    const r = readers.get(name) ?? [];
    return r.length === 1 ? r[0] : undefined;
  };
  const folds = new Map<string, ConvBnFold>();
  for (const conv of graph.nodes) {
    const batchNorm = only(conv.name);
    if (conv.kind !== 'conv' || batchNorm?.kind !== 'batchNorm') continue;
    const relu = only(batchNorm.name)?.kind === 'relu' ? only(batchNorm.name) : undefined;
    folds.set(conv.name, { conv, batchNorm, relu: relu !== undefined, last: relu?.name ?? batchNorm.name });
  }
  return folds;
};

/**
 * Inference's conv + batch norm (+ ReLU) as one fused convolution: with s = gamma / sqrt(var + eps)
 * per output channel, BN(conv(x, W)) = conv(x, W * s) + (beta - mean * s). One pass over the
 * activations instead of three; the folded weights cost a few small ops per call.
 */
export const foldedConv = (ctx: NodeContext, fold: ConvBnFold, x: tfjs.Tensor4D): tfjs.Tensor => {
  const { tf } = ctx;
  const p = (suffix: string) => ctx.parameter(`${fold.batchNorm.name}/${suffix}`);
  const scale = tf.mul(p('gamma'), tf.rsqrt(tf.add(p('runningVariance'), fold.batchNorm.epsilon)));
  const filter = tf.mul(ctx.parameter(`${fold.conv.name}/weights`), scale) as tfjs.Tensor4D;
  const bias = tf.sub(p('beta'), tf.mul(p('runningMean'), scale));
  const activation = fold.relu ? 'relu' : 'linear';
  return tf.fused.conv2d({ x, filter, strides: fold.conv.stride, pad: fold.conv.pad, bias, activation });
};
