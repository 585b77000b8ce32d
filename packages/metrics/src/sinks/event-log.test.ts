import { execFileSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { sampleRun } from '../pure-tests/sample-events.ts';
import { readEpochCsv } from './epoch-csv-file.ts';
import { readJsonl, writeJsonl } from './event-log.ts';
import { useTempDir } from './testing/temp-dir.ts';
import { testSeed } from '@resnet-cifar/test-support';

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDir();
const log = (path: string, events = sampleRun()) => lastValueFrom(from(events).pipe(writeJsonl(path), toArray()));

describe('JSONL event log file', () => {
  it('passes every event through and reads back the same events through the codec', async () => {
    const path = join(tempDir(), 'run', 'events.jsonl');
    expect(await log(path)).toEqual(sampleRun());
    expect(await readJsonl(path)()).toEqual(E.right({ events: sampleRun(), truncatedTail: '' }));
  });

  it('reads a log cut at a random byte of its last line up to its last complete line', async () => {
    const seed = testSeed('JSONL cut point');
    const path = join(tempDir(), 'events.jsonl');
    await log(path);
    const text = readFileSync(path, 'utf8');
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    const cut = lastStart + 1 + (seed % (text.length - lastStart - 1));
    truncateSync(path, Buffer.byteLength(text.slice(0, cut)));
    const parsed = await readJsonl(path)();
    expect(E.isRight(parsed) && parsed.right.events).toEqual(sampleRun().slice(0, -1));
    expect(E.isRight(parsed) && parsed.right.truncatedTail).toBe(text.slice(lastStart, cut));
  });

  it('drops the cut-off fragment when a resumed run appends, so the log stays valid', async () => {
    const path = join(tempDir(), 'events.jsonl');
    const events = sampleRun();
    await log(path, events.slice(0, 5));
    writeFileSync(path, readFileSync(path, 'utf8') + '{"type":"step","epo', { flag: 'w' });
    await log(path, events.slice(5));
    expect(await readJsonl(path)()).toEqual(E.right({ events, truncatedTail: '' }));
  });

  it('keeps every event written before the process was killed', () => {
    const dir = tempDir();
    const [jsonl, csv] = [join(dir, 'events.jsonl'), join(dir, 'epochs.csv')];
    const tsx = resolve(here, '../../../../node_modules/.bin/tsx');
    expect(() => execFileSync(tsx, [join(here, 'testing/crash-after-writing.ts'), jsonl, csv, '11'], { stdio: 'pipe' })).toThrow();
    return Promise.all([readJsonl(jsonl)(), readEpochCsv(csv)()]).then(([events, rows]) => {
      expect(E.isRight(events) && events.right.events).toEqual(sampleRun().slice(0, 11));
      expect(E.isRight(rows) && rows.right.rows.map((r) => r.epoch)).toEqual([0, 1]);
    });
  });

  it('ends the stream with a one-line error naming the file when it cannot be opened', async () => {
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, 'x');
    await expect(log(join(blocker, 'events.jsonl'))).rejects.toThrow(
      new RegExp(`^cannot open ${blocker}/events.jsonl for appending: E[A-Z]+`),
    );
  });
});
