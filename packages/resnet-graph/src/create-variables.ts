import type * as tfjs from '@tensorflow/tfjs';
import { initialValue } from './initial-value.ts';
import type { ParameterSpec } from './pure/index.ts';
import type { Tf } from './tf.ts';

export interface Variables {
  readonly all: ReadonlyMap<string, tfjs.Variable>;
  readonly trainable: ReadonlyMap<string, tfjs.Variable>;
  readonly nonTrainable: ReadonlyMap<string, tfjs.Variable>;
}

// tfjs rejects a second variable of the same name, so a second live copy of a graph gets the
// next free prefix. Found by looking at what is registered, not from tfjs' global id counter.
const freePrefix = (tf: Tf, graphName: string, first: string): string => {
  const taken = tf.engine().registeredVariables;
  let copy = 0;
  while (taken[`${graphName}#${copy}/${first}`] !== undefined) copy += 1;
  return `${graphName}#${copy}`;
};

/** One tfjs variable per parameter; only `trainable` ones are marked trainable for tfjs. */
export const createVariables = (tf: Tf, graphName: string, specs: ReadonlyArray<ParameterSpec>, seed: number): Variables => {
  const prefix = freePrefix(tf, graphName, specs[0]?.name ?? '');
  const all = new Map(
    specs.map((spec) => {
      const value = initialValue(tf, spec, seed);
      const variable = tf.variable(value, spec.role === 'trainable', `${prefix}/${spec.name}`);
      value.dispose();
      return [spec.name, variable] as const;
    }),
  );
  const pick = (trainable: boolean) =>
    new Map(specs.filter((spec) => (spec.role === 'trainable') === trainable).map((spec) => [spec.name, all.get(spec.name) as tfjs.Variable]));
  return { all, trainable: pick(true), nonTrainable: pick(false) };
};
