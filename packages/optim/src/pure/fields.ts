import * as t from 'io-ts';

// Field codecs whose failures carry a message a user can act on (io-ts's default says only
// "Invalid value"). Messages quote the offending value.

const show = (u: unknown): string => (u === undefined ? 'nothing' : JSON.stringify(u) ?? String(u));

const numberWhere = (name: string, ok: (n: number) => boolean, rule: string): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && ok(u),
    (u, c) => (typeof u === 'number' && ok(u) ? t.success(u) : t.failure(u, c, `${rule}, got ${show(u)}`)),
    t.identity,
  );

/** A learning rate: finite and >= 0. */
export const LearningRate = numberWhere('LearningRate', (n) => Number.isFinite(n) && n >= 0, 'a learning rate must be a finite number >= 0');
/** A finite number > 0 (a multiplicative factor, a divisor). */
export const PositiveNumber = numberWhere('PositiveNumber', (n) => Number.isFinite(n) && n > 0, 'must be a finite number > 0');
/** An integer >= 1 (epochs, steps). */
export const PositiveInt = numberWhere('PositiveInt', (n) => Number.isInteger(n) && n >= 1, 'must be an integer >= 1');
/** Strictly between 0 and 1. */
export const OpenFraction = numberWhere('OpenFraction', (n) => n > 0 && n < 1, 'must be a number strictly between 0 and 1');
/** A momentum coefficient in [0, 1). */
export const Momentum = numberWhere('Momentum', (n) => n >= 0 && n < 1, 'momentum must be a number in [0, 1)');
/** Weight decay: finite and >= 0. */
export const WeightDecay = numberWhere('WeightDecay', (n) => Number.isFinite(n) && n >= 0, 'weight decay must be a finite number >= 0');

export const Flag = new t.Type<boolean, boolean, unknown>(
  'Flag',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (typeof u === 'boolean' ? t.success(u) : t.failure(u, c, `must be true or false, got ${show(u)}`)),
  t.identity,
);

const isMilestoneList = (u: unknown): u is ReadonlyArray<number> =>
  Array.isArray(u) && u.every((m) => Number.isInteger(m) && m >= 0);

/** Epoch milestones: integers >= 0, strictly increasing (so a factor is never applied twice). */
export const Milestones = new t.Type<ReadonlyArray<number>, ReadonlyArray<number>, unknown>(
  'Milestones',
  (u): u is ReadonlyArray<number> => isMilestoneList(u) && u.every((m, i) => i === 0 || m > (u[i - 1] ?? -1)),
  (u, c) => {
    if (!isMilestoneList(u)) return t.failure(u, c, `milestones must be a list of epochs (integers >= 0), got ${show(u)}`);
    const i = u.findIndex((m, j) => j > 0 && m <= (u[j - 1] ?? -1));
    return i < 0 ? t.success(u) : t.failure(u, c, `milestones must increase strictly, got ${u[i - 1]} then ${u[i]}`);
  },
  t.identity,
);

/** One of the given strings. */
export const oneOf = <K extends string>(name: string, values: ReadonlyArray<K>): t.Type<K, K, unknown> =>
  new t.Type<K, K, unknown>(
    name,
    (u): u is K => values.includes(u as K),
    (u, c) =>
      values.includes(u as K) ? t.success(u as K) : t.failure(u, c, `must be one of ${values.join(', ')}, got ${show(u)}`),
    t.identity,
  );

/** `codec`, or `value` when the field is absent. */
export const withDefault = <A, O>(codec: t.Type<A, O, unknown>, value: A): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(codec.name, codec.is, (u, c) => (u === undefined ? t.success(value) : codec.validate(u, c)), codec.encode);
