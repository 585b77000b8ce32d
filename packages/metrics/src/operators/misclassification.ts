import * as E from 'fp-ts/lib/Either.js';
import { map, type OperatorFunction, pipe, reduce } from 'rxjs';
import {
  addMisclassification,
  countMisclassifiedScores,
  errorRate,
  type Misclassification,
  noMisclassification,
} from '../pure/misclassification.ts';

/** A batch of network outputs read back from the device: `classes` scores per example. */
export interface ScoredBatch {
  readonly scores: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  readonly classes: number;
}

export interface ErrorRate extends Misclassification {
  readonly rate: number;
}

const countBatch = (batch: ScoredBatch): Misclassification =>
  E.getOrElse<string, Misclassification>((message) => {
    // scores and labels of different sizes come from a caller's bug, not from data
    throw new Error(message);
  })(countMisclassifiedScores(batch.scores, batch.classes, batch.labels));

/**
 * Misclassification (argmax != label) over the whole set: one figure when the batches
 * complete, so no partial set is ever reported as the validation error.
 */
export const misclassification = (): OperatorFunction<ScoredBatch, ErrorRate> =>
  pipe(
    map(countBatch),
    reduce(addMisclassification, noMisclassification),
    map((m) => ({ ...m, rate: errorRate(m) })),
  );
