import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../pure/graph.ts';
import { inferShapes } from '../pure/infer-shapes.ts';
import type { Node } from '../pure/node.ts';
import { resnet } from '../pure/resnet.ts';

const resnet20 = (): Graph => {
  const graph = resnet({ n: 3 });
  if (E.isLeft(graph)) throw new Error(graph.left);
  return graph.right;
};

const shapesOf = (graph: Graph) => {
  const shapes = inferShapes(graph);
  if (E.isLeft(shapes)) throw new Error(shapes.left);
  return shapes.right;
};

describe('inferShapes', () => {
  it('gives 32x32x16, 16x16x32 and 8x8x64 at the end of the three stages, then 10 logits', () => {
    const shapes = shapesOf(resnet20());
    expect(shapes.get('stem/relu')).toEqual([32, 32, 16]);
    expect(shapes.get('stage1/block2/relu2')).toEqual([32, 32, 16]);
    expect(shapes.get('stage2/block0/conv1')).toEqual([16, 16, 32]);
    expect(shapes.get('stage2/block0/projection')).toEqual([16, 16, 32]);
    expect(shapes.get('stage2/block2/relu2')).toEqual([16, 16, 32]);
    expect(shapes.get('stage3/block2/relu2')).toEqual([8, 8, 64]);
    expect(shapes.get('head/pool')).toEqual([1, 1, 64]);
    expect(shapes.get('head/softmax')).toEqual([10]);
  });

  it('shapes the zero-pad shortcut like the projection', () => {
    const graph = resnet({ n: 1, shortcut: 'zero-pad' });
    expect(E.isRight(graph) && shapesOf(graph.right).get('stage3/block0/pad')).toEqual([8, 8, 64]);
  });

  const withNodes = (edit: (nodes: Graph['nodes']) => Graph['nodes']): Graph => ({ ...resnet20(), nodes: edit(resnet20().nodes) });
  // Rewiring can change a node's arity, which the types rightly forbid outside a test.
  const rewire = (name: string, inputs: ReadonlyArray<string>) => (nodes: Graph['nodes']) =>
    nodes.map((node) => (node.name === name ? ({ ...node, inputs } as Node) : node));

  it('rejects a node that reads a later or unknown node', () => {
    const graph = withNodes(rewire('stem/bn', ['stem/relu']));
    expect(inferShapes(graph)).toEqual(E.left('stem/bn: reads "stem/relu", which is not an earlier node'));
  });

  it('rejects a name used twice', () => {
    const graph = withNodes((nodes) => [...nodes.slice(0, 3), { kind: 'relu', name: 'stem/bn', inputs: ['stem/conv'] }, ...nodes.slice(3)]);
    expect(inferShapes(graph)).toEqual(E.left('node name "stem/bn" is used twice'));
  });

  it('rejects adding tensors of different shapes', () => {
    const graph = withNodes(rewire('stage2/block0/add', ['stage2/block0/bn2', 'stage1/block2/relu2']));
    expect(inferShapes(graph)).toEqual(E.left('stage2/block0/add: add needs two inputs of one shape, got [16x16x32] and [32x32x16]'));
  });

  it('rejects a pooling window larger than the map', () => {
    const graph = withNodes((nodes) => nodes.map((node) => (node.kind === 'avgPool' ? { ...node, size: 16 } : node)));
    expect(inferShapes(graph)).toEqual(E.left('head/pool: a 16x16 window does not fit a side of 8'));
  });
});
