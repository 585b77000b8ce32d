import { mkdir, readFile, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRepository } from './write-repository.ts';
import { randomRecords, smallSourceFolder, type SourceFixture, writeBatchFiles } from './test-support/fixtures.ts';
import { realData, runCli, signalGroup, start, startCli, tsxCommand } from './test-support/run-cli.ts';
import { canMountTmpfs, testSeed } from '@resnet-cifar/test-support';

let work: SourceFixture['work'];
let source: string;

beforeEach(async () => {
  ({ work, source } = await smallSourceFolder('cli'));
});
afterEach(() => work.cleanup());

const lines = (text: string): string[] => text.split('\n').filter((line) => line.length > 0);

describe('dataset-writer CLI', () => {
  it('exits 0 after writing, and 0 with a reuse message the second time', async () => {
    const out = join(work.dir, 'repo');
    const first = await runCli(['--source', source, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/repo: wrote 12 training images and 4 test images/);
    const second = await runCli([`--source=${source}`, `--out=${out}`]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already holds the repository of this source .*reusing it/);
  });

  it('exits 2 with the usage on bad usage', async () => {
    const unknown = await runCli(['--source', source, '--out', join(work.dir, 'r'), '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option '--colour'.*\nUsage: nx run dataset-writer:run/s);
  });

  it('exits 1 with exactly one line on stderr for a bad source, leaving nothing', async () => {
    const bytes = randomRecords(testSeed('cli bad label'), 3);
    bytes[3073] = 99;
    await writeBatchFiles(source, { 'data_batch_2.bin': bytes });
    const run = await runCli(['--source', source, '--out', join(work.dir, 'repo')]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/data_batch_2\.bin: record 1 \(byte offset 3073\) has label 99/)]);
    expect(await readdir(work.dir)).toEqual(['source']);
  });

  it.skipIf(!canMountTmpfs())('a full disk (a real 1 MiB tmpfs in a private mount namespace): exit 1, one line, nothing left', async () => {
    await writeBatchFiles(source, { 'data_batch_3.bin': randomRecords(testSeed('cli full disk'), 600) });
    const mount = join(work.dir, 'small-disk');
    await mkdir(mount);
    const out = join(mount, 'repo');
    const script = `mount -t tmpfs -o size=1m tmpfs '${mount}' && ${tsxCommand(['--source', source, '--out', out])}; code=$?; echo "left: $(ls -A '${mount}' | tr '\\n' ' ')"; exit $code`;
    const run = await start('unshare', ['-rm', 'sh', '-c', script]).done;
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/repo\/(train|test)-(images|labels)\.u8: no space left on the device at byte offset \d+; free space or pass another --out, nothing was changed/)]);
    expect(run.stdout).toMatch(/^left: $/m);
  });

  it.each(['SIGINT', 'SIGKILL'] as const)('%s in the middle of a write leaves the old repository in place', async (signal) => {
    const out = join(work.dir, 'repo');
    expect((await writeRepository(source, out)())._tag).toBe('Right');
    const before = await readFile(join(out, 'manifest.json'), 'utf8');
    // Two real files (20,000 images, linked, not copied) keep the write long enough to interrupt.
    const big = join(work.dir, 'big');
    await mkdir(big);
    await Promise.all(['data_batch_1.bin', 'test_batch.bin'].map((name) => symlink(join(realData, name), join(big, name))));
    const { child, done } = startCli(['--source', big, '--out', out]);
    let sent = false;
    while (!sent && child.exitCode === null) {
      if ((await readdir(work.dir)).some((name) => name.startsWith('.repo.tmp-'))) sent = signalGroup(child, signal);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const run = await done;
    expect(sent).toBe(true);
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(before);
    if (signal === 'SIGINT') {
      expect(run.code).toBe(130);
      expect(lines(run.stderr)).toEqual([expect.stringMatching(/repo: interrupted before the repository was complete; nothing was changed/)]);
      expect((await readdir(work.dir)).sort()).toEqual(['big', 'repo', 'source']);
    } else {
      // A killed writer cannot clean up; its work folder is removed by the next run.
      expect((await readdir(work.dir)).some((name) => name.startsWith('.repo.tmp-'))).toBe(true);
      expect((await writeRepository(source, out)())._tag).toBe('Right');
      expect((await readdir(work.dir)).sort()).toEqual(['big', 'repo', 'source']);
    }
  });
});
