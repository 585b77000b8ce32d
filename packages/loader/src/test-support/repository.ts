import { writeRepository } from '@resnet-cifar/dataset-writer';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CIFAR_DIR } from './cifar-bin.ts';

const RECORD = 3073;

/** A fresh temporary folder for one test's files. */
export const tempDir = (prefix: string): Promise<string> => mkdtemp(path.join(tmpdir(), `loader-${prefix}-`));

/** Writes a record repository with the writer, from `source` (a folder of .bin files). */
export const writeRepo = async (source: string, out: string): Promise<string> => {
  const written = await writeRepository(source, out)();
  if (written._tag === 'Left') throw new Error(written.left);
  return written.right.dir;
};

/** The real repository: all 48,000 training and 10,000 test images (about 5 s to write). */
export const realRepository = async (): Promise<string> =>
  writeRepo(CIFAR_DIR, path.join(await tempDir('real'), 'repo'));

/** A small repository from the first real records: `train` training and `test` test images. */
export const smallRepository = async (train: number, test: number): Promise<string> => {
  const source = await tempDir('source');
  const head = async (file: string, n: number) =>
    writeFile(path.join(source, file), (await readFile(path.join(CIFAR_DIR, file))).subarray(0, n * RECORD));
  await head('data_batch_1.bin', train);
  await head('test_batch.bin', test);
  return writeRepo(source, path.join(source, 'repo'));
};
