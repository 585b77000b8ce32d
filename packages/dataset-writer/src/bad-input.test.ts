import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_BYTES } from './pure/record-format.ts';
import { smallSourceFolder, type SourceFixture } from './test-support/fixtures.ts';
import { buildTarball, officialMembers } from './test-support/tarball.ts';
import { writeRepository } from './write-repository.ts';

// Every bad input ends in one line (file, record or byte offset, what to do) and leaves the
// folder exactly as it was: no repository, no work folder, no created parent.
let work: SourceFixture['work'];
let source: string;
let files: Record<string, Uint8Array>;

beforeEach(async () => {
  ({ work, source, files } = await smallSourceFolder('bad input'));
});
afterEach(() => work.cleanup());

const refused = async (from: string, out = join(work.dir, 'out', 'repo')): Promise<string> => {
  const before = (await readdir(work.dir)).sort();
  const result = await writeRepository(from, out)();
  expect((await readdir(work.dir)).sort()).toEqual(before);
  if (result._tag === 'Right') throw new Error('expected a refusal');
  expect(result.left).not.toContain('\n');
  return result.left;
};

const tarball = async (members: ReadonlyArray<readonly [string, Uint8Array]>): Promise<string> => {
  const path = join(work.dir, 'cifar.tar.gz');
  await buildTarball(path, members);
  return path;
};

describe('bad input', () => {
  it('a truncated file: names it, the truncated record and its byte offset', async () => {
    await writeFile(join(source, 'data_batch_2.bin'), files['data_batch_2.bin']!.subarray(0, 2 * RECORD_BYTES + 10));
    expect(await refused(source)).toMatch(/data_batch_2\.bin: 6156 bytes is not a multiple of the 3073-byte record; record 2 at byte offset 6146 is truncated .*re-download/);
  });

  it('a label byte outside 0..9: names the file, record and byte offset', async () => {
    const bytes = files['test_batch.bin']!.slice();
    bytes[3 * RECORD_BYTES] = 17;
    await writeFile(join(source, 'test_batch.bin'), bytes);
    expect(await refused(source)).toMatch(/test_batch\.bin: record 3 \(byte offset 9219\) has label 17, outside 0\.\.9/);
  });

  it('a tarball without the expected members', async () => {
    const path = await tarball([['cifar-10-batches-py/data_batch_1', files['data_batch_1.bin']!]]);
    expect(await refused(path)).toMatch(/cifar\.tar\.gz: the tarball holds none of data_batch_1\.bin, .* pass cifar-10-binary\.tar\.gz/);
  });

  it('a corrupt gzip stream: names the compressed byte offset', async () => {
    const path = await tarball(officialMembers(files));
    const bytes = await readFile(path);
    for (let i = 2000; i < 2400; i++) bytes[i] = bytes[i]! ^ 0x5a;
    await writeFile(path, bytes);
    expect(await refused(path)).toMatch(/cifar\.tar\.gz: the gzip stream is corrupt at compressed byte offset 0\.\.65536 \(Z_DATA_ERROR.*\); re-download the tarball/);
  });

  it('a tarball cut short (an interrupted download)', async () => {
    const path = await tarball(officialMembers(files));
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length >> 1));
    expect(await refused(path)).toMatch(/cifar\.tar\.gz: the gzip stream ends early at compressed byte offset \d+ \(Z_BUF_ERROR: unexpected end of file\)/);
  });

  it('a missing path', async () => {
    expect(await refused(join(work.dir, 'nowhere'))).toMatch(/nowhere: cannot open the source \(ENOENT.*\); pass --source a folder/);
  });

  it('an unreadable batch file (here a folder in its place)', async () => {
    await rm(join(source, 'data_batch_1.bin'));
    await mkdir(join(source, 'data_batch_1.bin'));
    expect(await refused(source)).toMatch(/data_batch_1\.bin: cannot read it \(EISDIR.*\)/);
  });

  it('a folder holding no batch files', async () => {
    const empty = join(work.dir, 'empty');
    await mkdir(empty);
    expect(await refused(empty)).toMatch(/empty: holds none of data_batch_1\.bin/);
  });

  it('a target that is a file: left as it was', async () => {
    const out = join(work.dir, 'taken');
    await writeFile(out, 'precious');
    expect(await refused(source, out)).toMatch(/taken: is a file, not a folder; pass --out a folder path/);
    expect(await readFile(out, 'utf8')).toBe('precious');
  });

  it('a target folder that is not a repository: left as it was', async () => {
    const out = join(work.dir, 'photos');
    await mkdir(out);
    await writeFile(join(out, 'holiday.jpg'), 'precious');
    expect(await refused(source, out)).toMatch(/photos: the folder exists and is not a record repository \(it holds holiday\.jpg\)/);
    expect(await readdir(out)).toEqual(['holiday.jpg']);
  });

  it('a target whose parent is a file', async () => {
    await writeFile(join(work.dir, 'plain'), 'x');
    expect(await refused(source, join(work.dir, 'plain', 'repo'))).toMatch(/plain\/repo: cannot (inspect|write)/);
  });
});
