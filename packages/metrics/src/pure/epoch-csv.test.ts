import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDone, memory } from '../test-support/events.ts';
import { testSeed } from '../test-support/seed.ts';
import { EpochCsvRow, epochCsvHeader, formatEpochCsvLine, parseEpochCsv } from './epoch-csv.ts';
import { type EpochRow, epochRowOf } from './epoch-row.ts';

const real = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: 0, max: 1, noNaN: true }));
const count = fc.nat({ max: 2 ** 40 });
const row: fc.Arbitrary<EpochRow> = fc.record(
  {
    epoch: fc.nat({ max: 1000 }), lr: real, trainLoss: real, trainError: real, seconds: real,
    imagesPerSecond: real, images: count, tfjsTensors: count, tfjsBytes: count, rssBytes: count,
    valLoss: real, valError: real, gpuBytes: count,
  },
  { requiredKeys: ['epoch', 'lr', 'trainLoss', 'trainError', 'seconds', 'imagesPerSecond', 'images', 'tfjsTensors', 'tfjsBytes', 'rssBytes'] },
);
const csvOf = (rows: ReadonlyArray<EpochRow>): string => `${epochCsvHeader}\n${rows.map((r) => `${formatEpochCsvLine(r)}\n`).join('')}`;

describe('per-epoch CSV', () => {
  it('round-trips random rows exactly (NaN, infinities, -0 and missing figures included)', () => {
    const seed = testSeed('epoch CSV round trip');
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        const parsed = parseEpochCsv(csvOf(rows));
        expect(parsed).toEqual(E.right({ rows, truncatedTail: '' }));
      }),
      { seed, numRuns: 200 },
    );
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
