import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { afterAll, expect, it } from 'vitest';
import { canMountTmpfs } from '@resnet-cifar/test-support';
import { readCheckpoint } from './checkpoint.ts';

const here = dirname(fileURLToPath(import.meta.url));
const child = resolve(here, 'test-support/checkpoint-writer-child.ts');
const dir = mkdtempSync(join(tmpdir(), 'checkpoint-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer, lets it finish `writes` checkpoints, then kills it with SIGKILL `delayMs` later. */
const killDuringWrites = (path: string, writes: number, delayMs: number): Promise<number> =>
  new Promise((done, fail) => {
    const writer = spawn(process.execPath, ['--import', 'tsx', child, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = 0;
    writer.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString().split('\n').filter((line) => line.startsWith('wrote')).length;
      if (seen === writes) setTimeout(() => writer.kill('SIGKILL'), delayMs);
    });
    writer.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(seen) : fail(new Error(`writer ended without being killed (${signal})`))));
  });

it('a process killed with SIGKILL while writing leaves a checkpoint that loads (the previous or the new one)', async () => {
  const delays = [5, 20, 45];
  let tornWrites = 0;
  console.log(`kill delays after the 2nd write: ${delays.join(', ')} ms`);
  for (const delayMs of delays) {
    const path = join(dir, `killed-${delayMs}.ckpt`);
    const announced = await killDuringWrites(path, 2, delayMs);
    // A temporary file left behind is the evidence that the kill landed in the middle of a write.
    tornWrites += readdirSync(dir).filter((f) => f.startsWith(`killed-${delayMs}.ckpt.tmp-`)).length;
    const read = await readCheckpoint(path)();
    expect(E.isRight(read), E.isLeft(read) ? read.left : '').toBe(true);
    if (E.isRight(read)) {
      expect(read.right.meta.epoch).toBeGreaterThanOrEqual(announced);
      expect(read.right.arrays.get('model/big')?.values[0]).toBe(read.right.meta.epoch);
    }
  }
  expect(tornWrites, 'no kill landed during a write, so the test proved nothing').toBeGreaterThan(0);
}, 120_000);

it.skipIf(!canMountTmpfs())('a full disk (a real 1 MiB tmpfs in a private mount namespace) fails the write with a message naming the checkpoint', () => {
  const mount = join(dir, 'small-disk');
  mkdirSync(mount);
  const path = join(mount, 'run.ckpt');
  const script = `mount -t tmpfs -o size=1m tmpfs '${mount}' && '${process.execPath}' --import tsx '${child}' '${path}'; code=$?; ls -A '${mount}'; exit $code`;
  const run = spawnSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(`${path}: cannot write the checkpoint (ENOSPC: no space left on device`);
  expect(run.stdout.trim()).toBe(''); // and no temporary file left behind
});
