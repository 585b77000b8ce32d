import type { Graph } from './graph.ts';
import { outputShapes } from './infer-shapes.ts';
import { nodeInputs, type Node, type Shape } from './node.ts';

/** How a parameter starts: neon's Kaiming normal (not truncated), a constant, or the fixed identity. */
export type Init =
  | { readonly kind: 'normal'; readonly std: number }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'identity' };

/**
 * `trainable`: updated by the optimizer (weights, gamma, beta). `fixed`: never changes (the identity
 * projection). `running`: batch-norm running mean and variance, updated by training steps, not by the optimizer.
 */
export type ParameterRole = 'trainable' | 'fixed' | 'running';

export interface ParameterSpec {
  /** `<node name>/<weights|gamma|beta|runningMean|runningVariance>`, e.g. `stage2/block0/conv1/weights`. */
  readonly name: string;
  readonly node: string;
  readonly shape: Shape;
  readonly role: ParameterRole;
  readonly init: Init;
}

const kaiming = (fanIn: number): Init => ({ kind: 'normal', std: Math.sqrt(2 / fanIn) });
const product = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

const nodeParameters = (node: Node, input: Shape): ReadonlyArray<ParameterSpec> => {
  const spec = (suffix: string, shape: Shape, role: ParameterRole, init: Init): ParameterSpec => ({ name: `${node.name}/${suffix}`, node: node.name, shape, role, init });
  const channels = input[input.length - 1] ?? 0;
  switch (node.kind) {
    case 'conv': {
      // tfjs filter layout [kh, kw, cin, cout]; fan_in = kh * kw * cin as in neon.
      const shape = [node.kernel, node.kernel, channels, node.filters];
      const fixed = node.init === 'identity';
      return [spec('weights', shape, fixed || !node.trainable ? 'fixed' : 'trainable', fixed ? { kind: 'identity' } : kaiming(node.kernel * node.kernel * channels))];
    }
    case 'dense':
      return [spec('weights', [product(input), node.units], node.trainable ? 'trainable' : 'fixed', kaiming(product(input)))];
    case 'batchNorm': {
      const role: ParameterRole = node.trainable ? 'trainable' : 'fixed';
      return [
        spec('gamma', [channels], role, { kind: 'constant', value: 1 }),
        spec('beta', [channels], role, { kind: 'constant', value: 0 }),
        // neon starts both running statistics at 0 (tfjs would start the variance at 1).
        spec('runningMean', [channels], 'running', { kind: 'constant', value: 0 }),
        spec('runningVariance', [channels], 'running', { kind: 'constant', value: 0 }),
      ];
    }
    default:
      return [];
  }
};

/** Every parameter of the graph, in node order, with its shape, role and initialisation. */
export const parameters = (graph: Graph): ReadonlyArray<ParameterSpec> => {
  const shapes = outputShapes(graph);
  return graph.nodes.flatMap((node) => nodeParameters(node, shapes.get(nodeInputs(node)[0] ?? '') ?? []));
};

/** The number of scalars in a parameter. */
export const parameterSize = (parameter: ParameterSpec): number => product(parameter.shape);
