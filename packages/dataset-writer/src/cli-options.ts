import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { OFFICIAL_URL } from './download.ts';
import { formatDecodeErrors } from './pure/format-decode-errors.ts';

export const USAGE = [
  'Usage: nx run dataset-writer:run --source PATH_OR_URL --out DIR [--force] [--md5 HEX]',
  '  --source  a folder of CIFAR-10 .bin files, cifar-10-binary.tar.gz, or an http(s) URL',
  `            (default: ${OFFICIAL_URL})`,
  '  --out     the record repository folder to write (replaced atomically, reused when up to date)',
  '  --force   rebuild even when --out already holds the repository of this source',
  '  --md5     expected MD5 of a downloaded tarball (the official URL is always checked)',
].join('\n');

const NonEmpty = t.refinement(t.string, (s) => s.trim().length > 0, 'a non-empty string');
const MD5 = t.refinement(t.string, (s) => /^[0-9a-f]{32}$/i.test(s), '32 hex digits');

export const CliOptions = t.intersection([
  t.type({ source: NonEmpty, out: NonEmpty, force: t.boolean, help: t.boolean }),
  t.partial({ md5: MD5 }),
]);
export type CliOptions = t.TypeOf<typeof CliOptions>;

/** argv -> options, or one line saying what is wrong (the CLI prints it with the usage, exit 2). */
export const parseCliOptions = (argv: ReadonlyArray<string>): E.Either<string, CliOptions> =>
  pipe(
    E.tryCatch(
      () =>
        parseArgs({
          args: [...argv],
          options: {
            source: { type: 'string', default: OFFICIAL_URL },
            out: { type: 'string' },
            force: { type: 'boolean', default: false },
            md5: { type: 'string' },
            help: { type: 'boolean', default: false },
          },
          strict: true,
          allowPositionals: false,
        }).values,
      (error) => (error instanceof Error ? error.message : String(error)),
    ),
    E.chain((values) => (values.help === true ? E.right({ ...values, out: values.out ?? '-' }) : E.right(values))),
    E.chain((values) => pipe(CliOptions.decode(values), E.mapLeft((errors) => (values.out === undefined ? '--out DIR is required' : formatDecodeErrors(errors))))),
  );
