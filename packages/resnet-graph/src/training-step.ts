import type * as tfjs from '@tensorflow/tfjs';
import { crossEntropy } from './cross-entropy.ts';
import type { Moments } from './evaluate-node.ts';
import { forwardLogits, type TrainingGraph } from './forward.ts';
import type { Graph } from './pure/index.ts';
import type { LossAndGradients } from './resnet-model.ts';
import type { Tf } from './tf.ts';
import type { Variables } from './create-variables.ts';

// running = momentum * running + (1 - momentum) * batch, neon's rule (its rho is 0.9).
const updateRunning = (tf: Tf, graph: Graph, variables: Variables, moments: ReadonlyMap<string, Moments>): void =>
  tf.tidy(() => {
    for (const node of graph.nodes) {
      const batch = moments.get(node.name);
      if (node.kind !== 'batchNorm' || batch === undefined) continue;
      for (const [suffix, value] of [['runningMean', batch.mean], ['runningVariance', batch.variance]] as const) {
        const running = variables.all.get(`${node.name}/${suffix}`) as tfjs.Variable;
        running.assign(tf.add(tf.mul(running, node.momentum), tf.mul(value, 1 - node.momentum)));
      }
    }
  });

/**
 * Loss, logits and gradients in training mode, then the running-statistics update. `training`
 * says what the backward pass is given to work from (see `TrainingGraph`); the results are the
 * same either way, within float32 rounding.
 */
export const trainingStep = (
  tf: Tf,
  graph: Graph,
  variables: Variables,
  images: tfjs.Tensor4D,
  labels: tfjs.Tensor1D,
  training: TrainingGraph = 'outputs',
): LossAndGradients => {
  const moments = new Map<string, Moments>();
  let logits: tfjs.Tensor2D | undefined;
  const ctx = {
    tf,
    mode: 'training' as const,
    parameter: (name: string) => variables.all.get(name) as tfjs.Tensor,
    // Kept past the gradient tidy (by trainingBatchNorm); disposed below once used.
    onMoments: (node: string, m: Moments) => moments.set(node, m),
  };
  const trainable = [...variables.trainable.values()];
  const { value, grads } = tf.variableGrads(() => {
    logits = tf.keep(forwardLogits(ctx, graph, images, training));
    return crossEntropy(tf, logits, labels);
  }, trainable);
  updateRunning(tf, graph, variables, moments);
  moments.forEach((m) => tf.dispose([m.mean, m.variance]));
  const byTfName = new Map([...variables.trainable].map(([name, variable]) => [variable.name, name]));
  const named = new Map(Object.entries(grads).map(([tfName, grad]) => [byTfName.get(tfName) ?? tfName, grad]));
  return { loss: value, logits: logits as tfjs.Tensor2D, grads: named };
};
