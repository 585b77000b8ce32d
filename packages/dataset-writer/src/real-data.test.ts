import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.ts';
import { openRepository } from './repository.ts';
import type { Repository, SplitData } from './repository.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import { referenceNhwc, tempFolder } from './test-support/fixtures.ts';
import { buildTarball, officialMembers } from './test-support/tarball.ts';
import { writeRepository } from './write-repository.ts';

// One pass over the real 170 MB: written once from the folder and once from a tarball built
// here, then shared by every check below.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DATA = resolve(repoRoot, '../shared/data/cifar10');

let work: Awaited<ReturnType<typeof tempFolder>>;
let fromFolder: Repository;
let fromTarball: Repository;
let train: SplitData;
let test: SplitData;

const opened = async (dir: string): Promise<Repository> => {
  const result = await openRepository(dir)();
  if (result._tag === 'Left') throw new Error(result.left);
  return result.right;
};

const read = async (repository: Repository, name: 'train' | 'test'): Promise<SplitData> => {
  const result = await repository.readSplit(name)();
  if (result._tag === 'Left') throw new Error(result.left);
  return result.right;
};

/** Per-class counts of each file, from the data set's MANIFEST.txt table. */
const manifestCounts = async (): Promise<Map<string, number[]>> => {
  const text = await readFile(join(DATA, 'MANIFEST.txt'), 'utf8');
  const rows = [...text.matchAll(/^(\S+\.bin)\s+\d+\s+\d+\s+((?:\d+\s+){9}\d+)\s+[0-9a-f]{64}$/gm)];
  return new Map(rows.map((row) => [row[1]!, row[2]!.trim().split(/\s+/).map(Number)]));
};

const sumCounts = (rows: ReadonlyArray<number[]>): number[] => rows.reduce((a, b) => a.map((n, i) => n + b[i]!));

const nhwcMean = (images: Uint8Array): number[] => {
  const sums = [0, 0, 0];
  for (let i = 0; i < images.length; i += 3) {
    sums[0]! += images[i]!;
    sums[1]! += images[i + 1]!;
    sums[2]! += images[i + 2]!;
  }
  return sums.map((sum) => sum / (images.length / 3));
};

const withoutDate = ({ createdAt: _, ...rest }: Manifest) => rest;

beforeAll(async () => {
  work = await tempFolder();
  const written = await writeRepository(DATA, join(work.dir, 'folder-repo'))();
  if (written._tag === 'Left') throw new Error(written.left);
  fromFolder = await opened(join(work.dir, 'folder-repo'));
  [train, test] = [await read(fromFolder, 'train'), await read(fromFolder, 'test')];
  const names = (await readdir(DATA)).filter((name) => name.endsWith('.bin') || name === 'batches.meta.txt');
  const files = Object.fromEntries(await Promise.all(names.map(async (name) => [name, new Uint8Array(await readFile(join(DATA, name)))] as const)));
  // Level 0 (stored blocks) keeps building 180 MB of tarball cheap; it is still a standard gzip
  // stream through the same gunzip + tar path (compressed tarballs are covered with small files).
  await buildTarball(join(work.dir, 'cifar.tar.gz'), officialMembers(files).reverse(), 0);
  const fromTar = await writeRepository(join(work.dir, 'cifar.tar.gz'), join(work.dir, 'tar-repo'))();
  if (fromTar._tag === 'Left') throw new Error(fromTar.left);
  fromTarball = await opened(join(work.dir, 'tar-repo'));
});
afterAll(() => work.cleanup());

describe('the real CIFAR-10 files', () => {
  it('keep every class count of MANIFEST.txt: 48,000 training and 10,000 test images', async () => {
    const counts = await manifestCounts();
    const trainRows = [1, 2, 3, 4, 5].map((i) => counts.get(`data_batch_${i}.bin`)!);
    expect(fromFolder.manifest.splits.train?.perClassCounts).toEqual(sumCounts(trainRows));
    expect(fromFolder.manifest.splits.test?.perClassCounts).toEqual(counts.get('test_batch.bin'));
    expect([train.count, test.count]).toEqual([48_000, 10_000]);
    const fromLabels = new Array<number>(10).fill(0);
    for (const label of train.labels) fromLabels[label]! += 1;
    expect(fromLabels).toEqual(sumCounts(trainRows));
  });

  it('give the per-channel training mean of these 48,000 images: R 125.25, G 122.91, B 113.83 (neon: over every unpadded pixel)', async () => {
    const mean = fromFolder.manifest.trainMean;
    nhwcMean(train.images).forEach((m, c) => expect(mean[c]).toBeCloseTo(m, 9));
    // The planes of the .bin files summed directly, without the writer's transposition.
    const planeSums = [0, 0, 0];
    for (const i of [1, 2, 3, 4, 5]) {
      const bytes = await readFile(join(DATA, `data_batch_${i}.bin`));
      for (let record = 0; record < bytes.length; record += RECORD_BYTES) {
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (let at = record + 1 + c * 1024, end = at + 1024; at < end; at++) sum += bytes[at]!;
          planeSums[c]! += sum;
        }
      }
    }
    planeSums.forEach((sum, c) => expect(mean[c]).toBeCloseTo(sum / (48_000 * 1024), 9));
    // MANIFEST.txt's figures for this folder; its R 125.27, G 122.93, B 113.86 are of all 50,000
    // official training images, before data_batch_5.bin was cut to 8,000.
    [125.25, 122.91, 113.83].forEach((m, c) => expect(Math.abs(mean[c]! - m)).toBeLessThan(0.01));
  });

  it('give the test-set channel means MANIFEST.txt states, within 0.01', () => {
    const mean = nhwcMean(test.images);
    [125.99, 123.69, 114.85].forEach((m, c) => expect(Math.abs(mean[c]! - m)).toBeLessThan(0.01));
  });

  it('are laid out NHWC: first and last records match the byte-by-byte transposition', async () => {
    const first = (await readFile(join(DATA, 'data_batch_1.bin'))).subarray(0, RECORD_BYTES);
    const testBytes = await readFile(join(DATA, 'test_batch.bin'));
    const last = testBytes.subarray(testBytes.length - RECORD_BYTES);
    expect(Buffer.from(train.images.subarray(0, 3072)).equals(Buffer.from(referenceNhwc(first)))).toBe(true);
    expect(Buffer.from(test.images.subarray(test.images.length - 3072)).equals(Buffer.from(referenceNhwc(last)))).toBe(true);
    expect([train.labels[0], test.labels[9_999]]).toEqual([first[0], last[0]]);
  });

  it('give the identical repository from a tarball built from them (members in reverse order)', async () => {
    expect(withoutDate(fromTarball.manifest)).toEqual(withoutDate(fromFolder.manifest));
    for (const file of ['train-images.u8', 'train-labels.u8', 'test-images.u8', 'test-labels.u8']) {
      const [a, b] = await Promise.all([readFile(join(fromFolder.dir, file)), readFile(join(fromTarball.dir, file))]);
      expect(a.equals(b)).toBe(true);
    }
  });
});
