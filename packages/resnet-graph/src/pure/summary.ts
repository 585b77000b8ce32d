import type { Graph } from './graph.ts';
import { outputShapes } from './infer-shapes.ts';
import { nodeMacs } from './macs.ts';
import { nodeInputs, type Node } from './node.ts';
import { parameterCounts } from './parameter-counts.ts';
import { parameterSize, parameters } from './parameters.ts';

const grouped = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const kindLabel = (node: Node): string =>
  node.kind === 'conv'
    ? `${node.init === 'identity' ? 'fixed identity ' : ''}conv ${node.kernel}x${node.kernel}/${node.stride}`
    : node.kind === 'channelPad'
      ? `zero-pad /${node.stride}`
      : node.kind === 'avgPool'
        ? `avgPool ${node.size}x${node.size}`
        : node.kind;

const table = (rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => {
  const widths = rows.reduce<number[]>((acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === 2 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
};

/** A printable table of the network, like Keras' `model.summary()`, with MACs per image. */
export const summary = (graph: Graph): string => {
  const shapes = outputShapes(graph);
  const macs = nodeMacs(graph);
  const sizes = parameters(graph).reduce((acc, p) => acc.set(p.node, (acc.get(p.node) ?? 0) + parameterSize(p)), new Map<string, number>());
  const rows = graph.nodes.map((node) => [
    `${node.name} (${kindLabel(node)})`,
    (shapes.get(node.name) ?? []).join('x'),
    grouped(sizes.get(node.name) ?? 0),
    grouped(macs.get(node.name) ?? 0),
    nodeInputs(node).join(', '),
  ]);
  const lines = table([['Layer (type)', 'Output shape', 'Param #', 'MACs', 'Connected to'], ...rows]);
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)));
  const counts = parameterCounts(graph);
  const totalMacs = [...macs.values()].reduce((a, b) => a + b, 0);
  return [
    `Model: "${graph.name}" (${graph.description})`,
    rule,
    lines[0] ?? '',
    rule,
    ...lines.slice(1),
    rule,
    `Total params: ${grouped(counts.total)}`,
    `Trainable params: ${grouped(counts.trainable)}`,
    `Non-trainable params: ${grouped(counts.fixed + counts.running)} (fixed ${grouped(counts.fixed)}, batch-norm running statistics ${grouped(counts.running)})`,
    `Multiply-accumulates per image: ${grouped(totalMacs)} (${(totalMacs / 1e6).toFixed(1)} M)`,
  ].join('\n');
};
