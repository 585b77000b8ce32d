import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { argmaxRows, countMisclassified, countMisclassifiedScores, errorRate } from '../pure/misclassification.ts';

describe('misclassification', () => {
  it('counts predictions that differ from their labels over the whole set', () => {
    const result = countMisclassified([3, 1, 4, 1, 5, 9, 2, 6], [3, 1, 4, 1, 5, 9, 2, 7]);
    expect(result).toEqual(E.right({ errors: 1, total: 8 }));
    expect(E.isRight(result) && errorRate(result.right)).toBe(0.125);
  });

  it('takes argmax over raw scores, the first of a tie winning as in tf.argMax', () => {
    const scores = [
      0.1, 0.7, 0.2, // -> 1
      -3, -1, -2, // -> 1
      0.5, 0.2, 0.5, // tie -> 0
      1e-3, 2e-3, 3e-3, // -> 2
    ];
    expect([...argmaxRows(scores, 3)]).toEqual([1, 1, 0, 2]);
    expect(countMisclassifiedScores(scores, 3, [1, 0, 0, 2])).toEqual(E.right({ errors: 1, total: 4 }));
  });

  it('counts a row with NaN scores as wrong, whatever its label', () => {
    expect([...argmaxRows([Number.NaN, 1, 0.5, 0.2], 2)]).toEqual([-1, 0]);
    expect(countMisclassifiedScores([Number.NaN, 1, 0.5, 0.2], 2, [0, 0])).toEqual(E.right({ errors: 1, total: 2 }));
  });

  it('refuses predictions and labels of different lengths with an actionable message', () => {
    expect(countMisclassified([1, 2], [1, 2, 3])).toEqual(
      E.left('misclassification: 2 predictions for 3 labels; pass one per example'),
    );
    expect(E.isLeft(countMisclassifiedScores([1, 2, 3], 2, [0, 1]))).toBe(true);
  });

  it('has no rate over an empty set', () => {
    expect(errorRate({ errors: 0, total: 0 })).toBeNaN();
  });
});
