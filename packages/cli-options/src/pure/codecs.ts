import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

/** Command-line values arrive as strings; these codecs turn them into checked values. */
const fromString = <A>(name: string, is: (u: unknown) => u is A, parse: (s: string) => A | undefined): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, c) => {
      if (is(u)) return t.success(u);
      const value = typeof u === 'string' ? parse(u.trim()) : undefined;
      return value === undefined ? t.failure(u, c, `expected ${name}`) : t.success(value);
    },
    (a) => String(a),
  );

const numberIn = (name: string, ok: (n: number) => boolean) =>
  fromString(
    name,
    (u): u is number => typeof u === 'number' && ok(u),
    (s) => (s === '' || !Number.isFinite(Number(s)) || !ok(Number(s)) ? undefined : Number(s)),
  );

export const int = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  numberIn(
    min === 1 && max === Number.MAX_SAFE_INTEGER
      ? 'a positive integer'
      : max === Number.MAX_SAFE_INTEGER
        ? `an integer >= ${min}`
        : `an integer in ${min}..${max}`,
    (n) => Number.isInteger(n) && n >= min && n <= max,
  );

export const positiveInt = int(1);
export const nonNegativeInt = int(0);
export const positiveNumber = numberIn('a number > 0', (n) => n > 0);
export const nonNegativeNumber = numberIn('a number >= 0', (n) => n >= 0);
export const fraction = numberIn('a number in [0, 1)', (n) => n >= 0 && n < 1);

export const oneOf = <K extends string>(values: readonly K[]) =>
  fromString(`one of ${values.join(', ')}`, (u): u is K => typeof u === 'string' && values.includes(u as K), (s) =>
    values.includes(s as K) ? (s as K) : undefined,
  );

export const text = fromString('a non-empty text', (u): u is string => typeof u === 'string' && u !== '', (s) => (s === '' ? undefined : s));

export const intList = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const ok = (n: number) => Number.isInteger(n) && n >= min && n <= max;
  return fromString(
    `a comma-separated list of integers ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`}`,
    (u): u is number[] => Array.isArray(u) && u.every(ok),
    (s) => {
      const values = s.split(',').map((part) => Number(part.trim()));
      return s !== '' && values.every(ok) ? values : undefined;
    },
  );
};

export const flag = fromString('a flag (true or false)', (u): u is boolean => typeof u === 'boolean', (s) =>
  s === 'true' || s === '' ? true : s === 'false' ? false : undefined,
);

export const decodeWith = <A>(codec: t.Type<A, unknown, unknown>, value: unknown): E.Either<string, A> =>
  E.mapLeft(() => codec.name)(codec.decode(value));
