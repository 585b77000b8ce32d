import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { formatErrors } from './format-errors.ts';
import { PositiveInteger } from './number-codecs.ts';

export const Shortcut = t.keyof({ 'identity-projection': null, 'zero-pad': null, conv: null });
/** `identity-projection`: neon's fixed 1x1 stride-2 identity; `zero-pad`: He et al. option A; `conv`: option B. */
export type Shortcut = t.TypeOf<typeof Shortcut>;

/** What a caller may pass to `resnet`; everything but the depth n has neon's default. */
export const ResnetOptions = t.exact(
  t.intersection([
    t.type({ n: PositiveInteger }),
    t.partial({
      widths: t.readonlyArray(PositiveInteger),
      shortcut: Shortcut,
      headBatchNorm: t.boolean,
      classes: PositiveInteger,
      inputShape: t.readonly(t.tuple([PositiveInteger, PositiveInteger, PositiveInteger])),
    }),
  ]),
);
export type ResnetOptions = t.TypeOf<typeof ResnetOptions>;

/** ResnetOptions with every default filled in. */
export type ResnetSpec = Required<ResnetOptions>;

const defaults: Omit<ResnetSpec, 'n'> = {
  widths: [16, 32, 64],
  shortcut: 'identity-projection',
  headBatchNorm: true,
  classes: 10,
  inputShape: [32, 32, 3],
};

const checkGeometry = (spec: ResnetSpec): E.Either<string, ResnetSpec> => {
  const [height, width] = spec.inputShape;
  const halvings = 2 ** (spec.widths.length - 1);
  if (spec.widths.length === 0) return E.left('widths must list at least one stage width, e.g. [16, 32, 64]');
  if (spec.classes < 2) return E.left(`classes must be at least 2, got ${spec.classes}`);
  if (height !== width || height % halvings !== 0)
    return E.left(`inputShape must be square with a side divisible by ${halvings} (one halving per later stage), got ${height}x${width}`);
  return E.right(spec);
};

/** Decodes untrusted options (e.g. from a CLI) into a full spec, or one line saying what is wrong. */
export const decodeResnetOptions = (input: unknown): E.Either<string, ResnetSpec> =>
  pipe(
    ResnetOptions.decode(input),
    E.mapLeft((errors) => `invalid resnet options (n is the depth: 6n + 2 layers, an integer >= 1): ${formatErrors(errors)}`),
    E.map((options): ResnetSpec => ({ ...defaults, ...options })),
    E.chain(checkGeometry),
  );
