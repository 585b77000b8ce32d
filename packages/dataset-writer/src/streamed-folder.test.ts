import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import { labelsOf, randomRecords, referenceNhwc, tempFolder, writeBatchFiles } from './test-support/fixtures.ts';
import { buildTarball, officialMembers } from './test-support/tarball.ts';
import { writeRepository } from './write-repository.ts';
import { testSeed } from '@resnet-cifar/test-support';

// A folder written into a new target is read file by file while it is written; a tarball is read
// whole first. Files of 1500, 3, 1100 and 1030 records cross the writer's 1024-record slices.
let work: Awaited<ReturnType<typeof tempFolder>>;
let files: Record<string, Uint8Array>;

beforeEach(async () => {
  work = await tempFolder();
  const seed = testSeed('streamed folder');
  files = {
    'data_batch_1.bin': randomRecords(seed, 1500),
    'data_batch_2.bin': randomRecords(seed + 1, 3),
    'data_batch_4.bin': randomRecords(seed + 2, 1100),
    'test_batch.bin': randomRecords(seed + 3, 1030),
  };
  await mkdir(join(work.dir, 'source'));
  await writeBatchFiles(join(work.dir, 'source'), files);
});
afterEach(() => work.cleanup());

const written = async (source: string, out: string): Promise<Manifest> => {
  const result = await writeRepository(source, out)();
  if (result._tag === 'Left') throw new Error(result.left);
  return result.right.manifest;
};

const withoutDate = ({ createdAt: _, ...rest }: Manifest) => rest;

describe('a folder written while it is read', () => {
  it('gives byte for byte the repository of the whole-source path, and the reference layout', async () => {
    const fromFolder = await written(join(work.dir, 'source'), join(work.dir, 'folder-repo'));
    await buildTarball(join(work.dir, 'cifar.tar.gz'), officialMembers(files));
    const fromTarball = await written(join(work.dir, 'cifar.tar.gz'), join(work.dir, 'tar-repo'));
    expect(withoutDate(fromFolder)).toEqual(withoutDate(fromTarball));
    for (const file of ['train-images.u8', 'train-labels.u8', 'test-images.u8', 'test-labels.u8']) {
      const [a, b] = await Promise.all([readFile(join(work.dir, 'folder-repo', file)), readFile(join(work.dir, 'tar-repo', file))]);
      expect(a.equals(b)).toBe(true);
    }
    const train = new Uint8Array(Buffer.concat(['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_4.bin'].map((name) => files[name]!)));
    expect((await readFile(join(work.dir, 'folder-repo', 'train-images.u8'))).equals(Buffer.from(referenceNhwc(train)))).toBe(true);
    expect((await readFile(join(work.dir, 'folder-repo', 'train-labels.u8'))).equals(Buffer.from(labelsOf(train)))).toBe(true);
  });

  it('refuses a bad label in a later file with the same line as a whole-source check, leaving nothing', async () => {
    const bytes = files['data_batch_4.bin']!.slice();
    bytes[1042 * RECORD_BYTES] = 12;
    await writeFile(join(work.dir, 'source', 'data_batch_4.bin'), bytes);
    const before = (await readdir(work.dir)).sort();
    const result = await writeRepository(join(work.dir, 'source'), join(work.dir, 'out', 'repo'))();
    expect(result).toEqual({ _tag: 'Left', left: expect.stringMatching(/source\/data_batch_4\.bin: record 1042 \(byte offset 3202066\) has label 12, outside 0\.\.9; /) });
    expect((await readdir(work.dir)).sort()).toEqual(before);
  });

  it('logs what it found once every file is validated, then what it replaces', async () => {
    const out = join(work.dir, 'repo');
    await written(join(work.dir, 'source'), out);
    await writeFile(join(out, 'manifest.json'), '{}');
    const lines: string[] = [];
    const result = await writeRepository(join(work.dir, 'source'), out, { log: (line) => lines.push(line) })();
    expect(result._tag).toBe('Right');
    expect(lines).toEqual([
      'data_batch_1.bin: 1500 records (partial: the official file has 10000)',
      'data_batch_2.bin: 3 records (partial: the official file has 10000)',
      'data_batch_4.bin: 1100 records (partial: the official file has 10000)',
      'test_batch.bin: 1030 records (partial: the official file has 10000)',
      'missing from the source: data_batch_3.bin, data_batch_5.bin',
      expect.stringMatching(/repo: replacing a damaged repository/),
      `${out}: wrote 2603 training images and 1030 test images`,
    ]);
  });
});
