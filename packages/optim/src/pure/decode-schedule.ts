import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { oneLineError } from './one-line-error.ts';
import { parseSchedule } from './parse-schedule.ts';
import { ScheduleSpec } from './schedule-spec.ts';

/**
 * A schedule from wherever a user wrote it: the compact string (`--schedule warmup:0.01@400,neon`,
 * or a string in a JSON config) or a JSON object (`{ "kind": "multistep", "milestones": [90, 135] }`).
 */
export const decodeSchedule = (input: unknown): E.Either<string, ScheduleSpec> =>
  typeof input === 'string'
    ? parseSchedule(input)
    : pipe(ScheduleSpec.decode(input), E.mapLeft((errors) => oneLineError('schedule', errors)));
