import * as E from 'fp-ts/Either';
import { getWeights, type ResnetModel } from '@resnet-cifar/resnet-graph';
import type { Sgd } from '@resnet-cifar/optim';
import type { Checkpoint } from './checkpoint.ts';

const shapeOf = (model: ResnetModel, name: string): readonly number[] =>
  model.parameters.find((spec) => spec.name === name)?.shape ?? [];

/** The arrays a checkpoint holds: every model variable as `model/<name>`, every velocity as `velocity/<name>`. */
export const checkpointArrays = async (model: ResnetModel, sgd: Sgd): Promise<Checkpoint['arrays']> => {
  const [weights, state] = await Promise.all([getWeights(model), sgd.getState()]);
  const velocities = Object.entries(state.velocities).map(([name, v]) => [`velocity/${name}`, v] as const);
  const named = [...weights].map(([name, values]) => [`model/${name}`, { shape: shapeOf(model, name), values }] as const);
  return new Map([...named, ...velocities]);
};

export const restoreSgdState = (sgd: Sgd, checkpoint: Checkpoint): E.Either<string, void> => {
  const velocities = Object.fromEntries(
    [...checkpoint.arrays].filter(([name]) => name.startsWith('velocity/')).map(([name, a]) => [name.slice(9), a]),
  );
  return E.mapLeft((m: string) => `checkpoint optimizer state: ${m}`)(sgd.setState({ step: checkpoint.meta.optimizerStep, velocities }));
};
