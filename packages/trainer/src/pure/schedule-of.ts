import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { parseSchedule, toSchedule, type Schedule } from '@resnet-cifar/optim/pure';
import { withBaseLearningRate } from './base-learning-rate.ts';
import type { RunConfig } from './run-config.ts';

/** The schedule a config asks for: its `--schedule` text, with `--lr` as the base rate when given. */
export const scheduleOf = (config: RunConfig): E.Either<string, Schedule> =>
  pipe(
    parseSchedule(config.schedule),
    E.map((spec) => (config.lr === undefined ? spec : withBaseLearningRate(spec, config.lr))),
    E.map(toSchedule),
    E.mapLeft((message) => `--schedule: ${message}`),
  );
