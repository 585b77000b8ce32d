import type * as tfjs from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { compile, resnet, setWeights, type Graph, type ResnetModel } from '@resnet-cifar/resnet-graph';
import { createSgd, type Schedule, type Sgd } from '@resnet-cifar/optim';
import type { EpochDone } from '@resnet-cifar/metrics/pure';
import type { Checkpoint } from './checkpoint.ts';
import { restoreSgdState } from './checkpoint-arrays.ts';
import { incompatibleFields, type RunConfig } from './pure/run-config.ts';
import { scheduleOf } from './pure/schedule-of.ts';
import type { StartPosition } from './train.ts';

/** Everything a run trains with: the compiled network, its optimizer, the schedule, where to start. */
export interface Session {
  readonly graph: Graph;
  readonly model: ResnetModel;
  readonly sgd: Sgd;
  readonly schedule: Schedule;
  readonly start: StartPosition;
  dispose(): void;
}

const fresh: StartPosition = { epoch: 0, stepInEpoch: 0, history: [] };

const show = (config: RunConfig, key: string): string => JSON.stringify(config[key as keyof RunConfig]) ?? 'unset';

const restore = (config: RunConfig, model: ResnetModel, sgd: Sgd, checkpoint: Checkpoint, tf: typeof tfjs): E.Either<string, StartPosition> => {
  const saved = checkpoint.meta.config as RunConfig;
  const differs = incompatibleFields(saved, config).map((key) => `${key} ${show(saved, key)} there, ${show(config, key)} here`);
  if (differs.length > 0) {
    return E.left(`the checkpoint was written with other settings (${differs.join('; ')}): resume with its settings or start a new --output-dir`);
  }
  const weights = new Map([...checkpoint.arrays].filter(([name]) => name.startsWith('model/')).map(([name, a]) => [name.slice(6), a.values]));
  return pipe(
    setWeights(model, weights, tf),
    E.flatMap(() => restoreSgdState(sgd, checkpoint)),
    E.map(() => ({
      epoch: checkpoint.meta.epoch,
      stepInEpoch: checkpoint.meta.stepInEpoch,
      history: checkpoint.meta.history as EpochDone[],
      ...(checkpoint.meta.epochSoFar ? { epochSoFar: checkpoint.meta.epochSoFar } : {}),
    })),
  );
};

/** Builds the network and optimizer a config asks for, fresh or from a checkpoint of the same config. */
export const createSession = (tf: typeof tfjs, config: RunConfig, checkpoint?: Checkpoint): E.Either<string, Session> =>
  pipe(
    E.Do,
    E.bind('graph', () => pipe(resnet({ n: config.depth, shortcut: config.shortcut }), E.mapLeft((m) => `--depth: ${m}`))),
    E.bind('schedule', () => scheduleOf(config)),
    E.flatMap(({ graph, schedule }) => {
      const model = compile(graph, tf, { seed: config.seed, recompute: config.recompute ?? 'none' });
      const sgd = createSgd(tf, model.trainable, { momentum: config.momentum, weightDecay: config.weightDecay });
      const dispose = () => {
        sgd.dispose();
        model.dispose();
      };
      const start = checkpoint ? restore(config, model, sgd, checkpoint, tf) : E.right(fresh);
      if (E.isLeft(start)) dispose();
      return E.map((position: StartPosition) => ({ graph, model, sgd, schedule, start: position, dispose }))(start);
    }),
  );
