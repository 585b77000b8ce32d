import * as t from 'io-ts';
import { pipe } from 'fp-ts/lib/function.js';
import * as E from 'fp-ts/lib/Either.js';

/**
 * Options of one epoch. The codec is the single source of the type; `decodeLoaderOptions`
 * fills neon's defaults and turns codec errors into one readable line.
 */
const PositiveInt = t.brand(
  t.number,
  (n): n is t.Branded<number, { readonly PositiveInt: unique symbol }> =>
    Number.isInteger(n) && n > 0,
  'PositiveInt',
);
const NonNegativeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, { readonly NonNegativeInt: unique symbol }> =>
    Number.isInteger(n) && n >= 0,
  'NonNegativeInt',
);
const SafeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, { readonly SafeInt: unique symbol }> => Number.isSafeInteger(n),
  'SafeInt',
);

export const LastBatch = t.keyof({ wrap: null, drop: null, partial: null });
export type LastBatch = t.TypeOf<typeof LastBatch>;
export const LoaderMode = t.keyof({ train: null, eval: null });
export type LoaderMode = t.TypeOf<typeof LoaderMode>;
export const Padding = t.keyof({ mean: null, zero: null });
export type Padding = t.TypeOf<typeof Padding>;

export const LoaderOptions = t.intersection([
  t.strict({ seed: SafeInt, epoch: NonNegativeInt, mode: LoaderMode }),
  t.partial({
    batchSize: PositiveInt,
    lastBatch: LastBatch,
    padding: Padding,
    shuffle: t.boolean,
    prefetch: PositiveInt,
    workers: NonNegativeInt,
    limit: PositiveInt,
  }),
]);
/** What callers write: only seed, epoch and mode are required. */
export type LoaderOptions = {
  readonly seed: number;
  readonly epoch: number;
  readonly mode: LoaderMode;
  readonly batchSize?: number;
  readonly lastBatch?: LastBatch;
  readonly padding?: Padding;
  readonly shuffle?: boolean;
  readonly prefetch?: number;
  readonly workers?: number;
  readonly limit?: number;
};

/** Options after defaults: every field present. `workers` defaults to 0 (main thread). */
export type ResolvedOptions = Required<Omit<LoaderOptions, 'limit'>> & { readonly limit?: number };

const describe = (errors: t.Errors): string =>
  errors
    .map((e) => {
      const key = e.context
        .map((c) => c.key)
        .filter((k) => k !== '' && !/^\d+$/.test(k))
        .join('.');
      const expected = e.context[e.context.length - 1]?.type.name ?? 'valid value';
      return `${key || 'options'} must be ${expected} (got ${JSON.stringify(e.value)})`;
    })
    .filter((m, i, all) => all.indexOf(m) === i)
    .join('; ');

export const decodeLoaderOptions = (input: unknown): E.Either<string, ResolvedOptions> =>
  pipe(
    LoaderOptions.decode(input),
    E.mapLeft((errors) => `invalid loader options: ${describe(errors)}`),
    E.map((o) => ({
      seed: o.seed,
      epoch: o.epoch,
      mode: o.mode,
      batchSize: o.batchSize ?? 128,
      lastBatch: o.lastBatch ?? 'wrap',
      padding: o.padding ?? 'mean',
      shuffle: o.shuffle ?? o.mode === 'train',
      prefetch: o.prefetch ?? 2,
      workers: o.workers ?? 0,
      ...(o.limit === undefined ? {} : { limit: o.limit }),
    })),
  );
