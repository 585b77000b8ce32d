import { describe, expect, it } from 'vitest';
import type { Graph } from '../pure/graph.ts';
import type { Node } from '../pure/node.ts';
import { residualBlocks } from '../pure/residual-blocks.ts';
import { graphOf } from './test-graphs.ts';

describe('residualBlocks', () => {
  it.each([1, 3, 18])('finds all 3n blocks of n = %i, each read from its input and its shortcut, in order', (n) => {
    const blocks = residualBlocks(graphOf({ n }));
    expect(blocks.map((b) => b.output)).toEqual(
      ['stage1', 'stage2', 'stage3'].flatMap((stage) => Array.from({ length: n }, (_, b) => `${stage}/block${b}/relu2`)),
    );
    const first = blocks[0];
    expect(first?.input).toBe('stem/relu');
    expect(first?.shortcut).toBe('stem/relu');
    expect(first?.inner).toEqual(['conv1', 'bn1', 'relu1', 'conv2', 'bn2', 'add'].map((name) => `stage1/block0/${name}`));
    expect(blocks[n]?.shortcut).toBe('stage2/block0/projection');
    expect(blocks[n]?.conv1.stride).toBe(2);
  });

  it.each(['zero-pad', 'conv'] as const)('takes the %s shortcut as the add\'s other input', (shortcut) => {
    const blocks = residualBlocks(graphOf({ n: 1, shortcut }));
    expect(blocks.map((b) => b.shortcut)).toEqual(['stem/relu', ...(shortcut === 'zero-pad' ? ['stage2/block0/pad', 'stage3/block0/pad'] : ['stage2/block0/shortcut/bn', 'stage3/block0/shortcut/bn'])]);
  });

  it('leaves a block node by node when another node also reads one of its inner outputs', () => {
    const graph = graphOf({ n: 2 });
    const probe: Node = { kind: 'relu', name: 'probe', inputs: ['stage3/block0/bn2'] };
    const probed: Graph = { ...graph, nodes: [...graph.nodes.slice(0, -3), probe, ...graph.nodes.slice(-3)] };
    const outputs = residualBlocks(probed).map((b) => b.output);
    expect(outputs).not.toContain('stage3/block0/relu2');
    expect(outputs).toHaveLength(5);
  });

  it('finds nothing in a plain network (no shortcuts)', () => {
    const graph = graphOf({ n: 1 });
    const plain: Graph = {
      ...graph,
      nodes: graph.nodes.flatMap((node): Node[] =>
        node.kind === 'add' || node.name.endsWith('/projection') ? [] : node.kind === 'relu' && node.name.endsWith('/relu2') ? [{ ...node, inputs: [node.name.replace('relu2', 'bn2')] }] : [node],
      ),
    };
    expect(residualBlocks(plain)).toEqual([]);
  });
});
