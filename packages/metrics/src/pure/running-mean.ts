import * as O from 'fp-ts/lib/Option.js';

/** A weighted mean kept as sums, so adding a sample is exact and order does not matter. */
export interface RunningMean {
  readonly weight: number;
  readonly sum: number;
}

export const emptyMean: RunningMean = { weight: 0, sum: 0 };

/** Weight is typically the batch's image count, so a partial batch counts for what it holds. */
export const addSample =
  (value: number, weight = 1) =>
  (mean: RunningMean): RunningMean => ({ weight: mean.weight + weight, sum: mean.sum + value * weight });

export const meanValue = (mean: RunningMean): O.Option<number> =>
  mean.weight > 0 ? O.some(mean.sum / mean.weight) : O.none;
