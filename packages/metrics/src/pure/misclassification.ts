import * as E from 'fp-ts/lib/Either.js';

/** Errors over a set of examples; `rate` is the fraction (0.0829 is 8.29 %). */
export interface Misclassification {
  readonly errors: number;
  readonly total: number;
}

export const noMisclassification: Misclassification = { errors: 0, total: 0 };

export const addMisclassification = (a: Misclassification, b: Misclassification): Misclassification => ({
  errors: a.errors + b.errors,
  total: a.total + b.total,
});

export const errorRate = (m: Misclassification): number => (m.total === 0 ? Number.NaN : m.errors / m.total);

/**
 * Index of the largest score per row; the first wins a tie (as tf.argMax and numpy do).
 * A row holding NaN gets -1, which matches no label: a diverged network is wrong, not right by luck.
 */
export const argmaxRows = (scores: ArrayLike<number>, classes: number): Int32Array => {
  const rows = Math.floor(scores.length / classes);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c += 1) {
      const s = scores[r * classes + c] as number;
      if (Number.isNaN(s)) {
        best = -1;
        break;
      }
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
};

/** Misclassification = predicted class != label, counted over every example given. */
export const countMisclassified = (
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
): E.Either<string, Misclassification> => {
  if (predicted.length !== labels.length) {
    return E.left(`misclassification: ${predicted.length} predictions for ${labels.length} labels; pass one per example`);
  }
  let errors = 0;
  for (let i = 0; i < labels.length; i += 1) if (predicted[i] !== labels[i]) errors += 1;
  return E.right({ errors, total: labels.length });
};

/** Same, from raw scores (logits or probabilities), `classes` per row, as the network outputs them. */
export const countMisclassifiedScores = (
  scores: ArrayLike<number>,
  classes: number,
  labels: ArrayLike<number>,
): E.Either<string, Misclassification> =>
  scores.length !== labels.length * classes
    ? E.left(`misclassification: ${scores.length} scores for ${labels.length} labels x ${classes} classes`)
    : countMisclassified(argmaxRows(scores, classes), labels);
