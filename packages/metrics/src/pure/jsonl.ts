import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import * as RA from 'fp-ts/lib/ReadonlyArray.js';
import { completeLines } from './complete-lines.ts';
import { decodeTrainEvent, encodeTrainEvent } from './decode-train-event.ts';
import type { TrainEvent } from './train-event.ts';

/** One event as one JSONL line, newline included (through the codec, so NaN survives). */
export const formatJsonlLine = (event: TrainEvent): string => `${JSON.stringify(encodeTrainEvent(event))}\n`;

export interface ParsedJsonl {
  readonly events: ReadonlyArray<TrainEvent>;
  /**
   * Text after the last newline, '' after a clean run. Each event is written whole with its
   * newline, so an unterminated line was cut off by a crash and is dropped, never guessed at.
   */
  readonly truncatedTail: string;
}

const parseJson = (line: string): E.Either<string, unknown> =>
  E.tryCatch(
    () => JSON.parse(line) as unknown,
    (error) => (error instanceof Error ? error.message : String(error)),
  );

const decodeLine = (line: string, index: number): E.Either<string, TrainEvent> =>
  pipe(
    parseJson(line),
    E.chain(decodeTrainEvent),
    E.mapLeft((message) => `event log line ${index + 1}: ${message}`),
  );

/** Parses an event log up to its last complete line; a bad complete line is an error. */
export const parseJsonl = (text: string): E.Either<string, ParsedJsonl> => {
  const { lines, tail } = completeLines(text);
  return pipe(
    lines,
    RA.filterMapWithIndex((i, line) => (line.trim() === '' ? O.none : O.some([i, line] as const))),
    RA.traverse(E.Applicative)(([i, line]) => decodeLine(line, i)),
    E.map((events) => ({ events, truncatedTail: tail })),
  );
};
