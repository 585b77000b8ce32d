import type { Graph } from './graph.ts';
import { nodeInputs, type BatchNormNode, type ConvNode, type Node } from './node.ts';

/**
 * A basic residual block found in a graph: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut).
 * Its training step can run as one operation that keeps only conv1's and conv2's outputs, the
 * moments and the block's output for the backward pass (`residual-block-op.ts`).
 */
export interface ResidualBlock {
  /** conv1's input, x. */
  readonly input: string;
  readonly conv1: ConvNode;
  readonly bn1: BatchNormNode;
  readonly conv2: ConvNode;
  readonly bn2: BatchNormNode;
  /** The add's other input: x itself, or the shortcut node computed from it. */
  readonly shortcut: string;
  /** The closing ReLU: the only node of the block whose output leaves it. */
  readonly output: string;
  /** conv1, bn1, relu1, conv2, bn2 and the add: computed inside the block, read by nothing outside it. */
  readonly inner: ReadonlyArray<string>;
}

/**
 * Every basic residual block of a graph, in graph order. A run of nodes counts as one only where
 * each inner node is read by the next one alone, so computing it as one operation changes no
 * other node's inputs; anything else (a graph written by hand, another kind of block) stays node
 * by node.
 */
export const residualBlocks = (graph: Graph): ReadonlyArray<ResidualBlock> => {
  const byName = new Map(graph.nodes.map((node) => [node.name, node]));
  const readers = new Map<string, number>();
  for (const node of graph.nodes) for (const name of nodeInputs(node)) readers.set(name, (readers.get(name) ?? 0) + 1);
  // The node `name` when it has this kind and exactly one reader.
  const only = <K extends Node['kind']>(name: string | undefined, kind: K): Extract<Node, { kind: K }> | undefined => {
    const node = name === undefined ? undefined : byName.get(name);
    return node?.kind === kind && readers.get(node.name) === 1 ? (node as Extract<Node, { kind: K }>) : undefined;
  };
  const fromAdd = (closing: Node, addName: string, main: string, shortcut: string): ResidualBlock | undefined => {
    const bn2 = only(main, 'batchNorm');
    const conv2 = only(bn2?.inputs[0], 'conv');
    const relu1 = only(conv2?.inputs[0], 'relu');
    const bn1 = only(relu1?.inputs[0], 'batchNorm');
    const conv1 = only(bn1?.inputs[0], 'conv');
    if (bn2 === undefined || conv2 === undefined || relu1 === undefined || bn1 === undefined || conv1 === undefined) return undefined;
    const inner = [conv1.name, bn1.name, relu1.name, conv2.name, bn2.name, addName];
    return inner.includes(shortcut) ? undefined : { input: conv1.inputs[0], conv1, bn1, conv2, bn2, shortcut, output: closing.name, inner };
  };
  return graph.nodes.flatMap((node) => {
    const add = node.kind === 'relu' ? only(node.inputs[0], 'add') : undefined;
    if (add === undefined) return [];
    const [left, right] = add.inputs;
    const block = fromAdd(node, add.name, left, right) ?? fromAdd(node, add.name, right, left);
    return block === undefined ? [] : [block];
  });
};
