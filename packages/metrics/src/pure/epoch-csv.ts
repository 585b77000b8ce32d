import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as RA from 'fp-ts/lib/ReadonlyArray.js';
import * as t from 'io-ts';
import { completeLines } from './complete-lines.ts';
import { formatCsvLine, parseCsvLine } from './csv-line.ts';
import { decodeMessage } from './decode-message.ts';
import { EpochRow, epochColumns } from './epoch-row.ts';

/** `String(n)` is the shortest text that reads back as the same double (bar -0), so rows round-trip exactly. */
const cellOf = (value: unknown): string => (value === undefined ? '' : Object.is(value, -0) ? '-0' : String(value));

/** Reads a cell as a number ('' = not measured; "NaN" and "Infinity" as written). */
const valueOf = (cell: string): number | undefined => (cell.trim() === '' ? undefined : Number(cell));

/** The CSV row codec: cells in `epochColumns` order <-> a typed epoch row. */
export const EpochCsvRow = new t.Type<EpochRow, ReadonlyArray<string>, unknown>(
  'EpochCsvRow',
  EpochRow.is,
  (u, c) => {
    if (!Array.isArray(u) || u.length !== epochColumns.length || !u.every((x) => typeof x === 'string')) {
      return t.failure(u, c, `expected ${epochColumns.length} cells: ${epochColumns.join(',')}`);
    }
    const record = Object.fromEntries(
      epochColumns.flatMap((name, i) => {
        const value = valueOf(u[i] as string);
        return value === undefined ? [] : [[name, value]];
      }),
    );
    return EpochRow.validate(record, c);
  },
  (row) => epochColumns.map((name) => cellOf((row as Partial<Record<string, unknown>>)[name])),
);

export const epochCsvHeader = formatCsvLine(epochColumns);

export const formatEpochCsvLine = (row: EpochRow): string => formatCsvLine(EpochCsvRow.encode(row));

export interface ParsedEpochCsv {
  readonly rows: ReadonlyArray<EpochRow>;
  /**
   * Text after the last newline, '' after a clean run. Lines are written whole with their
   * newline, so an unterminated one was cut off by a crash and is never trusted (a number
   * cut short still parses, as the wrong number).
   */
  readonly truncatedTail: string;
}

const decodeLine = (line: string, index: number): E.Either<string, EpochRow> =>
  pipe(
    EpochCsvRow.decode(parseCsvLine(line)),
    E.mapLeft((errors) => decodeMessage(`epoch CSV line ${index + 2}`, errors)),
  );

/** Parses a per-epoch CSV written by this package; tolerant of a crash's cut-off last line. */
export const parseEpochCsv = (text: string): E.Either<string, ParsedEpochCsv> => {
  const { lines, tail } = completeLines(text);
  const [header, ...body] = lines;
  if (header === undefined) return E.right({ rows: [], truncatedTail: tail });
  if (header !== epochCsvHeader) {
    return E.left(`epoch CSV header is "${header.slice(0, 60)}", expected "${epochCsvHeader}"`);
  }
  const rows = pipe(
    body.filter((line) => line !== ''),
    RA.traverseWithIndex(E.Applicative)((i, line) => decodeLine(line, i)),
  );
  return pipe(
    rows,
    E.map((complete) => ({ rows: complete, truncatedTail: tail })),
  );
};
