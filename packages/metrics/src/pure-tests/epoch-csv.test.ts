import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { epochDone, memory } from './sample-events.ts';
import { EpochCsvRow, epochCsvHeader, formatEpochCsvLine, parseEpochCsv } from '../pure/epoch-csv.ts';
import { type EpochRow, epochRowOf } from '../pure/epoch-row.ts';

const csvOf = (rows: ReadonlyArray<EpochRow>): string => `${epochCsvHeader}\n${rows.map((r) => `${formatEpochCsvLine(r)}\n`).join('')}`;

describe('per-epoch CSV', () => {
  it('round-trips rows exactly, NaN, infinities, -0 and missing figures included', () => {
    const rows = [
      epochRowOf(epochDone(0, { trainLoss: Number.NaN, valLoss: Number.POSITIVE_INFINITY, lr: -0 })),
      epochRowOf(epochDone(1, { seconds: 0.1 + 0.2, memory: memory(1234.5, 600) })),
    ];
    expect(parseEpochCsv(csvOf(rows))).toEqual(E.right({ rows, truncatedTail: '' }));
  });

  it('holds exactly the figures of an epoch event, memory flattened', () => {
    const line = formatEpochCsvLine(epochRowOf(epochDone(2, { memory: memory(1000, 600) })));
    expect(line).toBe('2,0.1,1.75,0.625,1.75,0.4375,4,128,512,300,5242880,1048576000,629145600');
  });

  it('leaves figures that were not measured empty', () => {
    const { valLoss: _l, valError: _e, ...noVal } = epochDone(0);
    expect(formatEpochCsvLine(epochRowOf(noVal))).toBe('0,0.1,2.25,0.75,,,4,128,512,300,5242880,1048576000,');
  });

  it('parses a crashed run up to its last complete line and never trusts a cut-off number', () => {
    const rows = [0, 1, 2].map((e) => epochRowOf(epochDone(e)));
    const text = csvOf(rows);
    const cut = text.slice(0, -3); // the last row's gpu-less line loses its last digits and newline
    const parsed = parseEpochCsv(cut);
    expect(E.isRight(parsed) && parsed.right.rows).toEqual(rows.slice(0, 2));
    expect(E.isRight(parsed) && parsed.right.truncatedTail).toBe(formatEpochCsvLine(rows[2]!).slice(0, -2));
  });

  it('refuses a file with another header, saying what it expected', () => {
    const result = parseEpochCsv('a,b,c\n1,2,3\n');
    expect(E.isLeft(result) && result.left).toMatch(/^epoch CSV header is "a,b,c", expected "epoch,lr,/);
  });

  it('rejects a row with a missing cell', () => {
    expect(E.isLeft(EpochCsvRow.decode(['1', '2']))).toBe(true);
  });
});
