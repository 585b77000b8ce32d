import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { epochCsvHeader, formatEpochCsvLine, type ParsedEpochCsv, parseEpochCsv } from '../pure/epoch-csv.ts';
import { epochRowOf } from '../pure/epoch-row.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { appendLines } from './append-lines.ts';

/**
 * Appends one CSV line per finished epoch (header first in a new file) and fsyncs it, so a
 * crash loses at most the epoch in progress. Other events pass through untouched.
 */
export const writeEpochCsv = (path: string): MonoTypeOperatorFunction<TrainEvent> =>
  appendLines(
    path,
    {
      header: `${epochCsvHeader}\n`,
      lineOf: (e) => (e.type === 'epoch' ? `${formatEpochCsvLine(epochRowOf(e))}\n` : ''),
      flushAfter: (e) => e.type === 'epoch',
    },
  );

/** Reads a per-epoch CSV written by `writeEpochCsv`, tolerating a crash's cut-off last line. */
export const readEpochCsv = (path: string): TE.TaskEither<string, ParsedEpochCsv> =>
  pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (error) => `cannot read epoch CSV ${path}: ${error instanceof Error ? error.message : String(error)}`,
    ),
    TE.chainEitherK((text) => pipe(parseEpochCsv(text), E.mapLeft((message) => `${path}: ${message}`))),
  );
