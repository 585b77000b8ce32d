import type * as tfjs from '@tensorflow/tfjs';
import { createVariables } from './create-variables.ts';
import { forwardLogits } from './forward.ts';
import { outputShapes, parameters, type Graph, type Recompute } from './pure/index.ts';
import type { ResnetModel } from './resnet-model.ts';
import type { Tf } from './tf.ts';
import { trainingStep } from './training-step.ts';

export interface CompileOptions {
  /** Same seed, same initial weights, on every backend. */
  readonly seed: number;
  /**
   * `blocks`: gradient checkpointing. A training step keeps each residual block's input alone and
   * runs the block forward again during the backward pass: a quarter to a third more time per
   * step, a third as much memory per unit of n (15 against 42 MiB at batch 128). The gradients are the
   * same bits either way. Default `none`.
   */
  readonly recompute?: Recompute;
}

export type { Recompute };

// A batch of the wrong shape is a caller's bug; say which shape was expected.
const checkBatch = (graph: Graph, images: tfjs.Tensor4D, labels?: tfjs.Tensor1D): void => {
  const expected = (outputShapes(graph).get(graph.nodes[0]?.name ?? '') ?? []).join('x');
  const [n, ...image] = images.shape;
  if (image.join('x') !== expected) throw new Error(`${graph.name}: expected images [batch, ${expected.replaceAll('x', ', ')}], got [${images.shape.join(', ')}]`);
  if (labels !== undefined && labels.shape[0] !== n) throw new Error(`${graph.name}: ${n} images but ${labels.shape[0]} labels`);
};

/**
 * Compiles a validated graph (from `resnet` or `decodeGraph`) to tfjs variables and a forward pass
 * that follows it node by node. Variables are created on the current backend.
 */
export const compile = (graph: Graph, tf: Tf, options: CompileOptions): ResnetModel => {
  const specs = parameters(graph);
  const variables = createVariables(tf, graph.name, specs, options.seed);
  const inference = {
    tf,
    mode: 'inference' as const,
    parameter: (name: string) => variables.all.get(name) as tfjs.Tensor,
    onMoments: () => undefined,
  };
  return {
    graph,
    parameters: specs,
    trainable: variables.trainable,
    nonTrainable: variables.nonTrainable,
    predict: (images) => {
      checkBatch(graph, images);
      return tf.tidy(() => forwardLogits(inference, graph, images));
    },
    lossAndGradients: (images, labels) => {
      checkBatch(graph, images, labels);
      return trainingStep(tf, graph, variables, images, labels, options.recompute === 'blocks' ? 'input' : 'outputs');
    },
    dispose: () => variables.all.forEach((variable) => variable.dispose()),
  };
};
