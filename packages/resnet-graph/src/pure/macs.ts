import type { Graph } from './graph.ts';
import { outputShapes } from './infer-shapes.ts';
import { nodeInputs, type Node, type Shape } from './node.ts';

const product = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

// Only convolutions and the affine multiply; batch norm, ReLU, add and pooling are counted as free, as papers do.
const macsOf = (node: Node, input: Shape, output: Shape): number => {
  switch (node.kind) {
    case 'conv':
      return product(output) * node.kernel * node.kernel * (input[input.length - 1] ?? 0);
    case 'dense':
      return product(input) * node.units;
    default:
      return 0;
  }
};

/** Multiply-accumulates per image for every node, keyed by node name, in graph order. */
export const nodeMacs = (graph: Graph): ReadonlyMap<string, number> => {
  const shapes = outputShapes(graph);
  return new Map(graph.nodes.map((node) => [node.name, macsOf(node, shapes.get(nodeInputs(node)[0] ?? '') ?? [], shapes.get(node.name) ?? [])]));
};

/** Multiply-accumulates for one image's forward pass (ResNet-20: about 41 M). */
export const macsPerImage = (graph: Graph): number => [...nodeMacs(graph).values()].reduce((a, b) => a + b, 0);
