import { filter, map, type OperatorFunction, pipe, scan } from 'rxjs';
import * as O from 'fp-ts/lib/Option.js';
import { addSample, emptyMean, meanValue } from '../pure/running-mean.ts';

/**
 * The mean so far of the values picked from each item, weighted (by images, say). Items
 * with no value (a step whose loss was not read back) leave the mean as it was and emit nothing.
 */
export const runningMean = <T>(
  value: (item: T) => number | undefined,
  weight: (item: T) => number = () => 1,
): OperatorFunction<T, number> =>
  pipe(
    filter((item: T) => value(item) !== undefined),
    scan((mean, item: T) => addSample(value(item) as number, weight(item))(mean), emptyMean),
    map(meanValue),
    filter(O.isSome),
    map((mean) => mean.value),
  );
