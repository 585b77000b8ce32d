import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { readEpochCsv, readJsonl } from '@resnet-cifar/metrics';
import { CIFAR_DIR, runApp } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-app-resume-'));
const dataDir = join(dir, 'records');
const tiny = ['--depth=1', '--train-records=128', '--val-records=64', '--batch-size=32', '--backend=wasm', '--workers=0', `--data-dir=${dataDir}`];
const oneEpoch = join(dir, 'one-epoch');

beforeAll(async () => {
  const written = await writeRepository(CIFAR_DIR, dataDir)();
  if (E.isLeft(written)) throw new Error(written.left);
  const first = await runApp('train-app', [...tiny, '--epochs=1', `--output-dir=${oneEpoch}`]);
  if (first.code !== 0) throw new Error(first.stderr);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const copyOf = (name: string): string => {
  const copy = join(dir, name);
  cpSync(oneEpoch, copy, { recursive: true });
  return copy;
};

/** A pid no process has now: that of a process that has just ended. */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());

describe('logs and checkpoints agree after any crash', () => {
  it('a crash between an epoch\'s log row and its checkpoint: the resume logs each epoch once and removes what the crash left', async () => {
    const run = copyOf('crashed');
    // What a crash leaves when it hits after epoch 1's log lines and before its checkpoint: the
    // lines are there (written as the run writes them: epoch 0's, renumbered), the checkpoint is
    // still epoch 0's, a torn temporary of the new one and of a plot lie beside it, no model.
    const rows = readFileSync(join(run, 'epochs.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(run, 'epochs.csv'), [...rows, (rows[1] ?? '').replace(/^0,/, '1,'), ''].join('\n'));
    const epochLine = readFileSync(join(run, 'events.jsonl'), 'utf8').split('\n').find((line) => line.includes('"type":"epoch"')) ?? '';
    appendFileSync(join(run, 'events.jsonl'), `${epochLine.replace('"epoch":0', '"epoch":1')}\n`);
    rmSync(join(run, 'model'), { recursive: true });
    const pid = deadPid();
    writeFileSync(join(run, `checkpoint.ckpt.tmp-${pid}`), readFileSync(join(run, 'checkpoint.ckpt')).subarray(0, 1000));
    writeFileSync(join(run, `.val_error.svg.${pid}.tmp`), '<svg');

    const resumed = await runApp('train-app', ['--resume', '--epochs=2', `--output-dir=${run}`]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('epochs.csv: dropping 1 row(s) logged after the checkpoint, for epochs this run trains again');
    const csv = await readEpochCsv(join(run, 'epochs.csv'))();
    expect(E.isRight(csv) && csv.right.rows.map((r) => r.epoch)).toEqual([0, 1]);
    const events = await readJsonl(join(run, 'events.jsonl'))();
    expect(E.isRight(events) && events.right.events.filter((e) => e.type === 'epoch').map((e) => e.epoch)).toEqual([0, 1]);
    expect(readdirSync(run).filter((name) => name.includes('tmp'))).toEqual([]);
  }, 180_000);
});

describe('--resume takes the stored settings and refuses what would change them', () => {
  it('an explicit option that conflicts is refused in one line naming the stored and the given values, exit 2', async () => {
    const run = copyOf('conflict');
    const before = readFileSync(join(run, 'checkpoint.ckpt'));
    const result = await runApp('train-app', ['--resume', '--depth=2', '--batch-size=64', `--output-dir=${run}`]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('train-app:'))).toEqual([
      `train-app: --resume: the run in ${run} was started with --depth=1 --batch-size=32; --depth=2 --batch-size=64 would change what it computes: leave them out (the run's own settings are taken), or start a new --output-dir`,
    ]);
    expect(readFileSync(join(run, 'checkpoint.ckpt')).equals(before)).toBe(true);
  }, 60_000);

  it('a checkpoint changed after it was written (one setting in its header) is refused, exit 1', async () => {
    const run = copyOf('edited');
    const path = join(run, 'checkpoint.ckpt');
    const bytes = readFileSync(path);
    const edited = Buffer.from(bytes.toString('latin1').replace('"batchSize":32', '"batchSize":64'), 'latin1');
    expect(edited.equals(bytes)).toBe(false);
    writeFileSync(path, edited);
    const result = await runApp('train-app', ['--resume', `--output-dir=${run}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^train-app: --resume: .*checkpoint\.ckpt: the checkpoint was cut short or changed after it was written/m);
    expect(readFileSync(path).equals(edited)).toBe(true); // refused, and left for the user to look at
  }, 60_000);
});
