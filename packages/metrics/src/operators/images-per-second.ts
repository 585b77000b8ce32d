import { filter, map, type OperatorFunction, pipe } from 'rxjs';
import * as O from 'fp-ts/lib/Option.js';
import type { TrainEvent } from '../pure/train-event.ts';
import { epochProgress } from './epoch-progress.ts';

export interface EpochRate {
  readonly epoch: number;
  readonly imagesPerSecond: number;
}

/**
 * Training throughput within each epoch, from the step events' times: images after the
 * epoch's first step over the time since it. Emits from the second step of an epoch on.
 */
export const imagesPerSecond = (): OperatorFunction<TrainEvent, EpochRate> =>
  pipe(
    epochProgress(),
    map((p) => ({ epoch: p.epoch, rate: p.imagesPerSecond })),
    filter((p): p is { epoch: number; rate: O.Some<number> } => O.isSome(p.rate)),
    map((p) => ({ epoch: p.epoch, imagesPerSecond: p.rate.value })),
  );
