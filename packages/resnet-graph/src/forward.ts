import type * as tfjs from '@tensorflow/tfjs';
import { evaluateNode, type NodeContext } from './evaluate-node.ts';
import { convBnFolds, foldedConv, type ConvBnFold } from './fold-batch-norm.ts';
import { nodeInputs, type Graph } from './pure/index.ts';

// Index of the last node that reads each node's output, so inference can free activations early.
const lastReaders = (graph: Graph): ReadonlyMap<string, number> =>
  new Map(graph.nodes.flatMap((node, i) => nodeInputs(node).map((name) => [name, i] as const)));

/**
 * The logits: the output of the node the final softmax reads (the softmax itself is folded into
 * the loss). Call inside `tf.tidy`. In inference mode activations are freed as soon as no later
 * node reads them (peak memory ~ a few activations), and conv -> batch norm (-> ReLU) runs as one
 * fused convolution; in training mode the gradient tape needs every activation.
 */
export const forwardLogits = (ctx: NodeContext, graph: Graph, images: tfjs.Tensor4D): tfjs.Tensor2D => {
  const body = graph.nodes.slice(1, -1);
  const softmax = graph.nodes[graph.nodes.length - 1];
  const logitsName = softmax === undefined ? '' : (nodeInputs(softmax)[0] ?? '');
  const readers = lastReaders(graph);
  const values = new Map<string, tfjs.Tensor>([[graph.nodes[0]?.name ?? 'input', images]]);
  const folds: ReadonlyMap<string, ConvBnFold> = ctx.mode === 'inference' ? convBnFolds(graph) : new Map();
  const folded = new Set([...folds.values()].flatMap((f) => (f.relu ? [f.batchNorm.name, f.last] : [f.batchNorm.name])));
  body.forEach((node, offset) => {
    if (folded.has(node.name)) return; // computed with its conv
    const inputs = nodeInputs(node).map((name) => values.get(name) as tfjs.Tensor);
    const fold = folds.get(node.name);
    if (fold === undefined) values.set(node.name, evaluateNode(ctx, node, inputs));
    else values.set(fold.last, foldedConv(ctx, fold, inputs[0] as tfjs.Tensor4D));
    if (ctx.mode === 'training') return;
    for (const name of nodeInputs(node)) {
      const value = values.get(name);
      if (readers.get(name) === offset + 1 && name !== logitsName && value !== images) {
        value?.dispose();
        values.delete(name);
      }
    }
  });
  return values.get(logitsName) as tfjs.Tensor2D;
};
