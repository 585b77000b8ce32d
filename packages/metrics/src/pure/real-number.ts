import * as t from 'io-ts';

/**
 * A measured real number that may be NaN or infinite (a diverged loss is a real outcome).
 * JSON has no NaN, and `JSON.stringify(NaN)` silently writes `null`, so non-finite values
 * travel as the strings "NaN", "Infinity" and "-Infinity".
 */
export const RealNumber = new t.Type<number, number | string, unknown>(
  'RealNumber',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    if (typeof u === 'number') return t.success(u);
    if (u === 'NaN') return t.success(Number.NaN);
    if (u === 'Infinity') return t.success(Number.POSITIVE_INFINITY);
    if (u === '-Infinity') return t.success(Number.NEGATIVE_INFINITY);
    return t.failure(u, c, 'expected a number, "NaN", "Infinity" or "-Infinity"');
  },
  (n) => (Number.isFinite(n) ? n : String(n)),
);
export type RealNumber = t.TypeOf<typeof RealNumber>;

/**
 * A non-negative safe integer (counts: epochs, steps, images, tensors, bytes). Checked when
 * decoding but typed as a plain number, so the training loop builds events from its own
 * counters without casts.
 */
const isCount = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0;
export const Count = new t.Type<number, number, unknown>(
  'Count',
  isCount,
  (u, c) => (isCount(u) ? t.success(u) : t.failure(u, c, `expected a non-negative integer, got ${JSON.stringify(u)}`)),
  (n) => n,
);
export type Count = t.TypeOf<typeof Count>;
