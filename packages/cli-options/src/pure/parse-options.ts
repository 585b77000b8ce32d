import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';

export interface OptionSpec<A> {
  readonly codec: t.Type<A, string, unknown>;
  readonly description: string;
  readonly defaultValue: A;
  /** What an optional option left out means (`all`), for --help and the settings line. */
  readonly absent?: string;
}

/** An option with a default (the default is shown by --help). */
export const option = <A>(codec: t.Type<A, string, unknown>, description: string, defaultValue: A): OptionSpec<A> => ({
  codec,
  description,
  defaultValue,
});

/** An option that is absent unless given; `absent` says what leaving it out means. */
export const optional = <A>(codec: t.Type<A, string, unknown>, description: string, absent?: string): OptionSpec<A | undefined> => ({
  codec: codec as unknown as t.Type<A | undefined, string, unknown>,
  description,
  defaultValue: undefined,
  ...(absent === undefined ? {} : { absent }),
});

// `any`: an option's value type is only known per option; `Options<S>` recovers each one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Spec = Record<string, OptionSpec<any>>;
export type Options<S extends Spec> = { readonly [K in keyof S]: S[K]['defaultValue'] };
/** `given`: the options the command line named, as opposed to those left at their defaults. */
export type Parsed<S extends Spec> = { readonly help: true } | { readonly help: false; readonly options: Options<S>; readonly given: ReadonlySet<keyof S & string> };

export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const isFlag = (spec: OptionSpec<unknown>): boolean => spec.codec.name.startsWith('a flag');

/** Splits argv into `name -> raw value`; `--x=v`, `--x v`, and bare `--flag` are accepted. */
const tokenize = (spec: Spec, argv: readonly string[]): E.Either<string, Map<string, string>> => {
  const raw = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) return E.left(`unexpected argument '${arg}': options look like --name=value (see --help)`);
    const [flagName = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    const name = camel(flagName);
    const entry = spec[name];
    if (!entry) return E.left(`unknown option --${flagName} (see --help for the options)`);
    if (raw.has(name)) return E.left(`option --${flagName} is given twice`);
    const next = argv[i + 1];
    if (inline !== undefined) raw.set(name, inline);
    else if (isFlag(entry)) raw.set(name, 'true');
    else if (next === undefined || next.startsWith('--')) return E.left(`option --${flagName} needs a value: ${entry.codec.name}`);
    else raw.set(name, argv[(i += 1)] ?? '');
  }
  return E.right(raw);
};

/** Decodes argv against the spec; the first bad option becomes one line naming it and what it takes. */
export const parseOptions = <S extends Spec>(spec: S, argv: readonly string[]): E.Either<string, Parsed<S>> => {
  if (argv.includes('--help') || argv.includes('-h')) return E.right({ help: true });
  const tokens = tokenize(spec, argv);
  if (E.isLeft(tokens)) return tokens;
  const options: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(spec)) {
    const value = tokens.right.get(name);
    if (value === undefined) {
      options[name] = entry.defaultValue;
      continue;
    }
    const decoded = entry.codec.decode(value);
    if (E.isLeft(decoded)) return E.left(`invalid --${kebab(name)} '${value}': expected ${entry.codec.name}`);
    options[name] = decoded.right;
  }
  return E.right({ help: false, options: options as Options<S>, given: new Set(tokens.right.keys()) });
};

const shownValue = (entry: OptionSpec<unknown>, value: unknown): string | undefined =>
  value === undefined ? entry.absent : Array.isArray(value) ? value.join(',') : String(value);

/** The --help text: one line per option with what it takes and its default. */
export const usage = <S extends Spec>(command: string, summary: string, spec: S): string => {
  const rows = Object.entries(spec).map(([name, entry]) => {
    const value = shownValue(entry, entry.defaultValue);
    const shown = value === undefined ? '' : ` (default: ${value})`;
    return [`  --${kebab(name)}`, `${entry.description}; ${entry.codec.name}${shown}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [`usage: ${command} [options]`, '', summary, '', 'options:', ...rows.map(([l, r]) => l.padEnd(width) + r), '  --help'.padEnd(width) + 'print this help and exit'].join('\n');
};

/**
 * `train-app runs with --depth=3 --batch-size=128 ...`: the first line of a run, so that its log
 * says what produced it, whichever way (Nx, a script, a default) the options arrived.
 */
export const settingsLine = <S extends Spec>(
  name: string,
  spec: S,
  options: Options<S>,
  shown: readonly (keyof S & string)[],
  notes: Partial<Record<keyof S & string, string>> = {},
): string => {
  const settings = shown.map((key) => {
    const note = notes[key];
    return `--${kebab(key)}=${shownValue(spec[key] as OptionSpec<unknown>, options[key]) ?? 'unset'}${note === undefined ? '' : ` (${note})`}`;
  });
  return `${name} runs with ${settings.join(' ')}`;
};
