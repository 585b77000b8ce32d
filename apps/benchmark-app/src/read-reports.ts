import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import { combineReports } from './pure/combine-reports.ts';
import { decodeJson } from './pure/decode-json.ts';
import { BenchmarkReport } from './pure/depth-result.ts';

const readReport = (path: string): E.Either<string, BenchmarkReport> =>
  pipe(
    E.tryCatch(() => readFileSync(path, 'utf8'), () => `--from: cannot read ${path}: run that depth first (nx run benchmark-app:bench-n<depth>)`),
    E.flatMap((text) => decodeJson(BenchmarkReport, text, path)),
  );

/** benchmark.json files written by earlier runs (one per depth, say), decoded and combined into one report. */
export const readReports = (paths: ReadonlyArray<string>): E.Either<string, BenchmarkReport> =>
  pipe(
    paths,
    RA.traverse(E.Applicative)(readReport),
    E.flatMap((reports) => {
      const [first, ...others] = reports;
      return first === undefined ? E.left('--from: no files given') : E.right(combineReports(first, others));
    }),
  );
