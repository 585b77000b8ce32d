import * as t from 'io-ts';
import { Node } from './node.ts';

/**
 * A network as plain data: nodes in topological order (each reads only earlier nodes), the first
 * the input, the last the softmax. This codec checks the form; `validateGraph` checks the wiring.
 */
export const Graph = t.readonly(
  t.strict({
    format: t.literal('resnet-graph'),
    version: t.literal(1),
    name: t.string,
    description: t.string,
    nodes: t.readonlyArray(Node),
  }),
);
export type Graph = t.TypeOf<typeof Graph>;
