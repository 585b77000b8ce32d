import * as t from 'io-ts';

const integerAtLeast = (name: string, min: number): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min,
    (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= min ? t.success(u) : t.failure(u, c)),
    t.identity,
  );

// Validating without a brand keeps hand-built graphs (the `resnet` builder) free of casts.
/** An integer >= 1. */
export const PositiveInteger = integerAtLeast('PositiveInteger', 1);

/** An integer >= 0. */
export const NonNegativeInteger = integerAtLeast('NonNegativeInteger', 0);

/** A finite number > 0. */
export const PositiveNumber = new t.Type<number, number, unknown>(
  'PositiveNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u > 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** A number in [0, 1), e.g. a running-average factor. */
export const Fraction = new t.Type<number, number, unknown>(
  'Fraction',
  (u): u is number => typeof u === 'number' && u >= 0 && u < 1,
  (u, c) => (typeof u === 'number' && u >= 0 && u < 1 ? t.success(u) : t.failure(u, c)),
  t.identity,
);
