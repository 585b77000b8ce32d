import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { formatJsonlLine, type ParsedJsonl, parseJsonl } from '../pure/jsonl.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { appendLines } from './append-lines.ts';

/** The events after which a crash must not lose what came before. */
const milestones: ReadonlySet<TrainEvent['type']> = new Set(['run-started', 'epoch', 'checkpoint', 'run-finished', 'run-failed']);

/**
 * Appends every event to a JSONL log as it passes (a resumed run appends to the same log).
 * Each line is written whole before the event moves on and the file is fsynced at every
 * milestone, so after a crash the log is valid up to its last complete line.
 */
export const writeJsonl = (path: string): MonoTypeOperatorFunction<TrainEvent> =>
  appendLines(path, { lineOf: formatJsonlLine, flushAfter: (e) => milestones.has(e.type) });

/** Reads a run's event log, tolerating a crash's cut-off last line. */
export const readJsonl = (path: string): TE.TaskEither<string, ParsedJsonl> =>
  pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (error) => `cannot read event log ${path}: ${error instanceof Error ? error.message : String(error)}`,
    ),
    TE.chainEitherK((text) => pipe(parseJsonl(text), E.mapLeft((message) => `${path}: ${message}`))),
  );
