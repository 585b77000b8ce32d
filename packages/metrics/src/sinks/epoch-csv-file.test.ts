import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { epochCsvHeader } from '../pure/epoch-csv.ts';
import { epochRowOf } from '../pure/epoch-row.ts';
import { sampleRun } from '../pure-tests/sample-events.ts';
import type { EpochDone, TrainEvent } from '../pure/train-event.ts';
import { readEpochCsv, writeEpochCsv } from './epoch-csv-file.ts';
import { useTempDir } from './testing/temp-dir.ts';
import { testSeed } from '@resnet-cifar/test-support';

const tempDir = useTempDir();
const write = (path: string, events: ReadonlyArray<TrainEvent>) =>
  lastValueFrom(from(events).pipe(writeEpochCsv(path), toArray()));

const real = fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true }));
const count = fc.nat({ max: 2 ** 40 });
const epochEvent: fc.Arbitrary<EpochDone> = fc.record(
  {
    type: fc.constant('epoch' as const), epoch: fc.nat({ max: 500 }), lr: real, trainLoss: real, trainError: real,
    seconds: real, imagesPerSecond: real, images: count, valLoss: real, valError: real,
    memory: fc.record(
      { tfjsTensors: count, tfjsBytes: count, rssBytes: count, gpuBytes: count },
      { requiredKeys: ['tfjsTensors', 'tfjsBytes', 'rssBytes'] },
    ),
  },
  { requiredKeys: ['type', 'epoch', 'lr', 'trainLoss', 'trainError', 'seconds', 'imagesPerSecond', 'images', 'memory'] },
);

describe('per-epoch CSV file', () => {
  it('writes a header and one line per epoch, passing every event through', async () => {
    const path = join(tempDir(), 'epochs.csv');
    expect(await write(path, sampleRun())).toEqual(sampleRun());
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe(epochCsvHeader);
    expect(lines).toHaveLength(4); // header, two epochs, final newline
  });

  it('round-trips random epochs exactly through the file and the row codec', async () => {
    const seed = testSeed('epoch CSV file round trip');
    const dir = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(epochEvent, { maxLength: 6 }), async (events) => {
        const path = join(dir, `epochs-${(run += 1)}.csv`);
        await write(path, events);
        expect(await readEpochCsv(path)()).toEqual(E.right({ rows: events.map(epochRowOf), truncatedTail: '' }));
      }),
      { seed, numRuns: 60 },
    );
  });

  it('appends a resumed run below the first without a second header', async () => {
    const path = join(tempDir(), 'epochs.csv');
    const events = sampleRun();
    await write(path, events.slice(0, 6));
    await write(path, events.slice(6));
    const parsed = await readEpochCsv(path)();
    expect(E.isRight(parsed) && parsed.right.rows.map((r) => r.epoch)).toEqual([0, 1]);
  });
});
