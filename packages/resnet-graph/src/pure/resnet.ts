import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Graph } from './graph.ts';
import { add, batchNorm, conv, identityProjection, relu } from './layers.ts';
import type { Node } from './node.ts';
import { decodeResnetOptions, type ResnetOptions, type ResnetSpec, type Shortcut } from './resnet-options.ts';
import { validateGraph } from './validate-graph.ts';

/** A run of nodes and the name of the one whose output continues the network. */
interface Piece {
  readonly nodes: ReadonlyArray<Node>;
  readonly output: string;
}

const shortcutPiece = (kind: Shortcut, prefix: string, input: string, filters: number, stride: number): Piece => {
  switch (kind) {
    case 'identity-projection':
      return { nodes: [identityProjection(`${prefix}/projection`, input, filters, stride)], output: `${prefix}/projection` };
    case 'zero-pad':
      return { nodes: [{ kind: 'channelPad', name: `${prefix}/pad`, inputs: [input], stride, filters }], output: `${prefix}/pad` };
    case 'conv':
      return {
        nodes: [conv(`${prefix}/shortcut/conv`, input, filters, 1, stride), batchNorm(`${prefix}/shortcut/bn`, `${prefix}/shortcut/conv`)],
        output: `${prefix}/shortcut/bn`,
      };
  }
};

/** One residual module: conv-BN-ReLU, conv-BN, plus the shortcut, then ReLU. */
export const basicBlock = (prefix: string, input: string, inChannels: number, filters: number, stride: number, shortcut: Shortcut): Piece => {
  const side = stride !== 1 || inChannels !== filters ? shortcutPiece(shortcut, prefix, input, filters, stride) : { nodes: [], output: input };
  const p = (name: string): string => `${prefix}/${name}`;
  const nodes: ReadonlyArray<Node> = [
    conv(p('conv1'), input, filters, 3, stride),
    batchNorm(p('bn1'), p('conv1')),
    relu(p('relu1'), p('bn1')),
    conv(p('conv2'), p('relu1'), filters, 3, 1),
    batchNorm(p('bn2'), p('conv2')),
    ...side.nodes,
    add(p('add'), p('bn2'), side.output),
    relu(p('relu2'), p('add')),
  ];
  return { nodes, output: p('relu2') };
};

// Every block in network order; the first block of each later stage halves the map.
const blockPlan = (spec: ResnetSpec) =>
  spec.widths.flatMap((filters, s) =>
    Array.from({ length: spec.n }, (_, b) => ({ prefix: `stage${s + 1}/block${b}`, filters, stride: s > 0 && b === 0 ? 2 : 1 })),
  );

const stages = (spec: ResnetSpec, input: string): Piece =>
  blockPlan(spec).reduce<Piece & { readonly channels: number }>(
    (acc, { prefix, filters, stride }) => {
      const block = basicBlock(prefix, acc.output, acc.channels, filters, stride, spec.shortcut);
      return { nodes: [...acc.nodes, ...block.nodes], output: block.output, channels: filters };
    },
    { nodes: [], output: input, channels: spec.widths[0] ?? 1 },
  );

const head = (spec: ResnetSpec, input: string): ReadonlyArray<Node> => {
  const poolSize = spec.inputShape[0] / 2 ** (spec.widths.length - 1);
  const logits = spec.headBatchNorm ? 'head/bn' : 'head/dense';
  return [
    { kind: 'avgPool', name: 'head/pool', inputs: [input], size: poolSize },
    { kind: 'dense', name: 'head/dense', inputs: ['head/pool'], units: spec.classes, init: 'kaiming', trainable: true },
    ...(spec.headBatchNorm ? [batchNorm('head/bn', 'head/dense')] : []),
    { kind: 'softmax', name: 'head/softmax', inputs: [logits] },
  ];
};

const describe = (spec: ResnetSpec): string =>
  `n = ${spec.n}, widths ${spec.widths.join('/')}, shortcut ${spec.shortcut}, head batch norm ${spec.headBatchNorm ? 'on' : 'off'}, ` +
  `${spec.classes} classes, input ${spec.inputShape.join('x')}`;

const build = (spec: ResnetSpec): Graph => {
  const stem: ReadonlyArray<Node> = [
    { kind: 'input', name: 'input', shape: spec.inputShape },
    conv('stem/conv', 'input', spec.widths[0] ?? 1, 3, 1),
    batchNorm('stem/bn', 'stem/conv'),
    relu('stem/relu', 'stem/bn'),
  ];
  const body = stages(spec, 'stem/relu');
  const layers = 2 * spec.n * spec.widths.length + 2;
  return { format: 'resnet-graph', version: 1, name: `resnet${layers}`, description: describe(spec), nodes: [...stem, ...body.nodes, ...head(spec, body.output)] };
};

/**
 * The CIFAR ResNet of He et al. (2015) as neon's `cifar10_msra` builds it: 6n + 2 layers for three
 * stages. The options are decoded all the same, so bad ones (n = 0, n = 2.5, an unknown shortcut,
 * untyped input from a CLI) are a `Left`, never an exception.
 */
export const resnet = (options: ResnetOptions): E.Either<string, Graph> => pipe(decodeResnetOptions(options), E.map(build), E.chain(validateGraph));
