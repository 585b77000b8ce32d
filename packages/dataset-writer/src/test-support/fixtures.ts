import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { PIXEL_BYTES, PLANE_BYTES, RECORD_BYTES } from '../pure/record-format.ts';
import { testSeed } from '@resnet-cifar/test-support';

/** `count` CIFAR-10 records with random labels 0..9 and random pixels (never all zero). */
export const randomRecords = (seed: number, count: number): Uint8Array => {
  const rng = xoroshiro128plus(seed);
  const bytes = new Uint8Array(count * RECORD_BYTES);
  for (let record = 0; record < count; record++) {
    const start = record * RECORD_BYTES;
    bytes[start] = uniformInt(rng, 0, 9);
    for (let i = 1; i < RECORD_BYTES; i++) bytes[start + i] = uniformInt(rng, 0, 255);
  }
  return bytes;
};

/** The transposition written the obvious way, byte by byte: the reference for the fast one. */
export const referenceNhwc = (records: Uint8Array): Uint8Array => {
  const count = records.length / RECORD_BYTES;
  const out = new Uint8Array(count * PIXEL_BYTES);
  for (let n = 0; n < count; n++) {
    for (let p = 0; p < PLANE_BYTES; p++) {
      for (let c = 0; c < 3; c++) out[n * PIXEL_BYTES + p * 3 + c] = records[n * RECORD_BYTES + 1 + c * PLANE_BYTES + p]!;
    }
  }
  return out;
};

export const labelsOf = (records: Uint8Array): Uint8Array =>
  Uint8Array.from({ length: records.length / RECORD_BYTES }, (_, n) => records[n * RECORD_BYTES]!);

/** A fresh temp folder; `cleanup` removes it. */
export const tempFolder = async (): Promise<{ readonly dir: string; readonly cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'dataset-writer-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/** Writes batch files (name -> records) into `dir` and returns the records by name. */
export const writeBatchFiles = async (dir: string, files: Readonly<Record<string, Uint8Array>>): Promise<void> => {
  await Promise.all(Object.entries(files).map(([name, bytes]) => writeFile(join(dir, name), bytes)));
};

/** A small source folder: two training files and a test file of random records. */
export const smallSource = (seed: number): Record<string, Uint8Array> => ({
  'data_batch_1.bin': randomRecords(seed, 7),
  'data_batch_2.bin': randomRecords(seed + 1, 5),
  'test_batch.bin': randomRecords(seed + 2, 4),
});

/** A fresh temp folder holding `source/`, a small source folder drawn from a printed seed. */
export interface SourceFixture {
  readonly work: Awaited<ReturnType<typeof tempFolder>>;
  readonly source: string;
  readonly files: Record<string, Uint8Array>;
}

export const smallSourceFolder = async (label: string): Promise<SourceFixture> => {
  const work = await tempFolder();
  const source = join(work.dir, 'source');
  await mkdir(source);
  const files = smallSource(testSeed(label));
  await writeBatchFiles(source, files);
  return { work, source, files };
};
