import type { Graph } from './graph.ts';
import { parameterSize, parameters, type ParameterRole } from './parameters.ts';

export interface ParameterCounts {
  /** Updated by the optimizer: convolution and affine weights, batch-norm gamma and beta. */
  readonly trainable: number;
  /** Never updated: the identity projections. */
  readonly fixed: number;
  /** Batch-norm running means and variances. */
  readonly running: number;
  /** All of the above (Keras' "Total params"). */
  readonly total: number;
}

/** Parameter counts by role; ResNet-20 (n = 3, neon's shortcut) has 269,732 trainable. */
export const parameterCounts = (graph: Graph): ParameterCounts => {
  const all = parameters(graph);
  const count = (role: ParameterRole): number =>
    all
      .filter((p) => p.role === role)
      .reduce((sum, p) => sum + parameterSize(p), 0);
  const [trainable, fixed, running] = [count('trainable'), count('fixed'), count('running')];
  return { trainable, fixed, running, total: trainable + fixed + running };
};
