import * as t from 'io-ts';
import { Fraction, NonNegativeInteger, PositiveInteger, PositiveNumber } from './number-codecs.ts';

/** Per-image shape, NHWC without N: [height, width, channels], or [features] after a dense layer. */
export const Shape = t.readonlyArray(PositiveInteger);
export type Shape = t.TypeOf<typeof Shape>;

const one = t.readonly(t.tuple([t.string]));
const base = <K extends string>(kind: K) => ({ kind: t.literal(kind), name: t.string });

export const InputNode = t.readonly(t.strict({ ...base('input'), shape: Shape }));
export type InputNode = t.TypeOf<typeof InputNode>;

/**
 * Bias-free convolution with symmetric zero padding (neon's `padding` integer, not tfjs' 'same',
 * which pads stride-2 layers asymmetrically and would shift them against the 1x1 projection).
 * `init: 'identity'` is the fixed shortcut projection: weight[0, 0, c, c] = 1.
 */
export const ConvNode = t.readonly(
  t.strict({
    ...base('conv'),
    inputs: one,
    filters: PositiveInteger,
    kernel: PositiveInteger,
    stride: PositiveInteger,
    pad: NonNegativeInteger,
    init: t.keyof({ kaiming: null, identity: null }),
    trainable: t.boolean,
  }),
);
export type ConvNode = t.TypeOf<typeof ConvNode>;

/** Batch norm over every axis but the last; `momentum` is neon's rho (running = rho * running + (1 - rho) * batch). */
export const BatchNormNode = t.readonly(
  t.strict({ ...base('batchNorm'), inputs: one, epsilon: PositiveNumber, momentum: Fraction, trainable: t.boolean }),
);
export type BatchNormNode = t.TypeOf<typeof BatchNormNode>;

export const ReluNode = t.readonly(t.strict({ ...base('relu'), inputs: one }));
export type ReluNode = t.TypeOf<typeof ReluNode>;

export const AddNode = t.readonly(t.strict({ ...base('add'), inputs: t.readonly(t.tuple([t.string, t.string])) }));
export type AddNode = t.TypeOf<typeof AddNode>;

/** He et al. option A: subsample by `stride`, then zero-pad channels up to `filters`. No parameters. */
export const ChannelPadNode = t.readonly(
  t.strict({ ...base('channelPad'), inputs: one, stride: PositiveInteger, filters: PositiveInteger }),
);
export type ChannelPadNode = t.TypeOf<typeof ChannelPadNode>;

/** Average pool with window = stride = `size`, no padding. */
export const AvgPoolNode = t.readonly(t.strict({ ...base('avgPool'), inputs: one, size: PositiveInteger }));
export type AvgPoolNode = t.TypeOf<typeof AvgPoolNode>;

/** Bias-free affine layer over the flattened input. */
export const DenseNode = t.readonly(
  t.strict({ ...base('dense'), inputs: one, units: PositiveInteger, init: t.literal('kaiming'), trainable: t.boolean }),
);
export type DenseNode = t.TypeOf<typeof DenseNode>;

/** The output; the compiler's logits are this node's input (the softmax is folded into the loss). */
export const SoftmaxNode = t.readonly(t.strict({ ...base('softmax'), inputs: one }));
export type SoftmaxNode = t.TypeOf<typeof SoftmaxNode>;

export const Node = t.union(
  [
    InputNode,
    ConvNode,
    BatchNormNode,
    ReluNode,
    AddNode,
    ChannelPadNode,
    AvgPoolNode,
    DenseNode,
    SoftmaxNode,
  ],
  'Node (kind input | conv | batchNorm | relu | add | channelPad | avgPool | dense | softmax)',
);
export type Node = t.TypeOf<typeof Node>;
export type NodeKind = Node['kind'];

/** The names of the nodes a node reads. */
export const nodeInputs = (node: Node): ReadonlyArray<string> => (node.kind === 'input' ? [] : node.inputs);
