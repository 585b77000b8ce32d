import * as E from 'fp-ts/lib/Either.js';
import type { ResnetModel } from './resnet-model.ts';
import type { Tf } from './tf.ts';

const variableOf = (model: ResnetModel, name: string) => model.trainable.get(name) ?? model.nonTrainable.get(name);

/**
 * Every parameter's current values (trainable, fixed and running statistics), keyed by parameter
 * name in graph order, in tfjs layout (convolutions [kh, kw, cin, cout], affine [in, out]). Reads
 * the device (asynchronously: webgpu has no synchronous read in Node): call it at checkpoints, not every step.
 */
export const getWeights = async (model: ResnetModel): Promise<ReadonlyMap<string, Float32Array>> => {
  const read = model.parameters.map(async (spec) => {
    const variable = variableOf(model, spec.name);
    if (variable === undefined) throw new Error(`getWeights: ${spec.name} has no variable`);
    // A copy: data() may hand out the backend's own buffer.
    return [spec.name, Float32Array.from(await variable.data())] as const;
  });
  return new Map(await Promise.all(read));
};

const mismatch = (model: ResnetModel, weights: ReadonlyMap<string, Float32Array>): string | undefined => {
  const known = new Set(model.parameters.map((spec) => spec.name));
  const missing = model.parameters.filter((spec) => !weights.has(spec.name)).map((spec) => spec.name);
  const unknown = [...weights.keys()].filter((name) => !known.has(name));
  const wrongSize = model.parameters.filter((spec) => {
    const values = weights.get(spec.name);
    return values !== undefined && values.length !== spec.shape.reduce((a, b) => a * b, 1);
  });
  const problems = [
    missing.length > 0 ? `missing ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}` : '',
    unknown.length > 0 ? `unknown ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}` : '',
    ...wrongSize.slice(0, 3).map((spec) => `${spec.name} has ${weights.get(spec.name)?.length} values, its shape [${spec.shape.join(', ')}] needs ${spec.shape.reduce((a, b) => a * b, 1)}`),
  ].filter((line) => line !== '');
  return problems.length > 0 ? problems.join('; ') : undefined;
};

/**
 * Overwrites every parameter with the given values (the exact set `getWeights` returns); on any
 * mismatch of names or sizes nothing is written and the Left says what differs.
 */
export const setWeights = (model: ResnetModel, weights: ReadonlyMap<string, Float32Array>, tf: Tf): E.Either<string, void> => {
  const problem = mismatch(model, weights);
  if (problem !== undefined) return E.left(`weights do not fit ${model.graph.name}: ${problem}`);
  for (const spec of model.parameters) {
    const variable = variableOf(model, spec.name);
    const values = weights.get(spec.name);
    if (variable === undefined || values === undefined) throw new Error(`setWeights: ${spec.name} vanished`);
    tf.tidy(() => variable.assign(tf.tensor(values, [...spec.shape], 'float32')));
  }
  return E.right(undefined);
};
