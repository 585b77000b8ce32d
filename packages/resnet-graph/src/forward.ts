import type * as tfjs from '@tensorflow/tfjs';
import { evaluateNode, type NodeContext } from './evaluate-node.ts';
import { convBnFolds, foldedConv, type ConvBnFold } from './fold-batch-norm.ts';
import { nodeInputs, residualBlocks, type Graph, type ResidualBlock } from './pure/index.ts';
import { residualBlockOp, type BlockMemory } from './residual-block-op.ts';

// Index of the last node that reads each node's output, so activations are freed early. A node
// inside a block reads where the block runs: at its output node.
const lastReaders = (graph: Graph, blocks: Iterable<ResidualBlock>): ReadonlyMap<string, number> => {
  const index = new Map(graph.nodes.map((node, i) => [node.name, i]));
  const runsAt = new Map([...blocks].flatMap((b) => b.inner.map((name) => [name, index.get(b.output) ?? 0] as const)));
  const last = new Map<string, number>();
  graph.nodes.forEach((node, i) => nodeInputs(node).forEach((name) => last.set(name, Math.max(last.get(name) ?? 0, runsAt.get(node.name) ?? i))));
  return last;
};

/**
 * How a training-mode forward pass records for the backward pass: every residual block as one
 * operation that keeps what `BlockMemory` says, or (`nodes`) node by node on tfjs' tape, which
 * keeps every op's inputs: the reference the block operations are tested against.
 */
export type TrainingGraph = BlockMemory | 'nodes';

/**
 * The logits: the output of the node the final softmax reads (the softmax itself is folded into
 * the loss). Call inside `tf.tidy`. Activations are freed as soon as no later node reads them
 * (what a backward pass needs, its operations keep for themselves). In inference mode conv ->
 * batch norm (-> ReLU) runs as one fused convolution, so the peak is a few activations; in
 * training mode the residual blocks run as single operations unless `training` is `nodes`.
 */
export const forwardLogits = (ctx: NodeContext, graph: Graph, images: tfjs.Tensor4D, training: TrainingGraph = 'outputs'): tfjs.Tensor2D => {
  const body = graph.nodes.slice(1, -1);
  const softmax = graph.nodes[graph.nodes.length - 1];
  const logitsName = softmax === undefined ? '' : (nodeInputs(softmax)[0] ?? '');
  const values = new Map<string, tfjs.Tensor>([[graph.nodes[0]?.name ?? 'input', images]]);
  const folds: ReadonlyMap<string, ConvBnFold> = ctx.mode === 'inference' ? convBnFolds(graph) : new Map();
  const blocks: ReadonlyMap<string, ResidualBlock> = ctx.mode === 'training' && training !== 'nodes' ? new Map(residualBlocks(graph).map((b) => [b.output, b])) : new Map();
  const readers = lastReaders(graph, blocks.values());
  const skipped = new Set([
    ...[...folds.values()].flatMap((f) => (f.relu ? [f.batchNorm.name, f.last] : [f.batchNorm.name])),
    ...[...blocks.values()].flatMap((b) => b.inner),
  ]);
  body.forEach((node, offset) => {
    if (skipped.has(node.name)) return; // computed with its conv, or inside its block
    const inputs = nodeInputs(node).map((name) => values.get(name) as tfjs.Tensor);
    const fold = folds.get(node.name);
    const block = blocks.get(node.name);
    if (block !== undefined) {
      const read = (name: string) => values.get(name) as tfjs.Tensor4D;
      values.set(node.name, residualBlockOp(ctx, block, training as BlockMemory)(read(block.input), read(block.shortcut)));
    } else if (fold === undefined) values.set(node.name, evaluateNode(ctx, node, inputs));
    else values.set(fold.last, foldedConv(ctx, fold, inputs[0] as tfjs.Tensor4D));
    for (const name of new Set([...nodeInputs(node), ...(block === undefined ? [] : [block.input, block.shortcut])])) {
      const value = values.get(name);
      if (readers.get(name) === offset + 1 && name !== logitsName && value !== images) {
        value?.dispose();
        values.delete(name);
      }
    }
  });
  return values.get(logitsName) as tfjs.Tensor2D;
};
