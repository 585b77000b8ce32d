import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import { decodeSgdOptionsJson, type SgdOptions } from './sgd-options.ts';

/** The compact SGD syntax (`--sgd`), as shown by `--help` and in the README. */
export const sgdGrammar = `sgd := [item ["," item]...]     every item optional; defaults are neon's
item := "momentum=" M | "wd=" WD | "form=" ("neon" | "pytorch") | "nesterov" | "bn-decay=" ("on" | "off")
example: momentum=0.9,wd=5e-4,nesterov,form=pytorch,bn-decay=off`;

const keys: Record<string, keyof SgdOptions> = {
  momentum: 'momentum',
  wd: 'weightDecay',
  'weight-decay': 'weightDecay',
  nesterov: 'nesterov',
  form: 'form',
  'bn-decay': 'decayBatchNorm',
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const flags: Record<string, boolean> = { on: true, true: true, yes: true, off: false, false: false, no: false };
// Unparsable text stays a string so the codec's message quotes what the user typed.
const value = (text: string | undefined): unknown =>
  text === undefined ? true : NUMBER.test(text) ? Number(text) : (flags[text] ?? text);

const entry = (item: string): E.Either<string, readonly [keyof SgdOptions, unknown]> => {
  const [name = '', text] = item.split('=', 2);
  const key = keys[name.trim()];
  return key === undefined
    ? E.left(`unknown sgd option '${name}' (expected ${Object.keys(keys).join(', ')})`)
    : E.right([key, value(text?.trim())] as const);
};

/** Parses the compact form, e.g. `momentum=0.9,wd=1e-4,nesterov`; Left is a one-line message. */
export const parseSgdOptions = (text: string): E.Either<string, SgdOptions> =>
  pipe(
    text.trim() === '' ? [] : text.split(','),
    RA.traverse(E.Applicative)(entry),
    E.flatMap((entries) => decodeSgdOptionsJson(Object.fromEntries(entries))),
    E.mapLeft((message) => `sgd options '${text}': ${message}`),
  );

/** SGD options from the compact string or a JSON object. */
export const decodeSgdOptions = (input: unknown): E.Either<string, SgdOptions> =>
  typeof input === 'string' ? parseSgdOptions(input) : decodeSgdOptionsJson(input);
