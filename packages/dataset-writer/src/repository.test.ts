import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepository } from './repository.ts';
import { labelsOf, referenceNhwc, smallSource, tempFolder, writeBatchFiles } from './test-support/fixtures.ts';
import { writeRepository } from './write-repository.ts';
import { testSeed } from '@resnet-cifar/test-support';

let work: Awaited<ReturnType<typeof tempFolder>>;
let files: Record<string, Uint8Array>;
let repo: string;

beforeEach(async () => {
  work = await tempFolder();
  files = smallSource(testSeed('repository'));
  await writeBatchFiles(work.dir, files);
  repo = join(work.dir, 'repo');
  const written = await writeRepository(work.dir, repo)();
  expect(written._tag).toBe('Right');
});
afterEach(() => work.cleanup());

const editManifest = async (edit: (json: Record<string, any>) => void): Promise<void> => {
  const path = join(repo, 'manifest.json');
  const json = JSON.parse(await readFile(path, 'utf8'));
  edit(json);
  await writeFile(path, JSON.stringify(json));
};

const openError = async (): Promise<string> => {
  const opened = await openRepository(repo)();
  if (opened._tag === 'Right') throw new Error('expected the repository to be refused');
  return opened.left;
};

describe('openRepository', () => {
  it('reads back both splits: NHWC images and labels in canonical order', async () => {
    const opened = await openRepository(repo)();
    if (opened._tag === 'Left') throw new Error(opened.left);
    const train = await opened.right.readSplit('train')();
    const test = await opened.right.readSplit('test')();
    if (train._tag === 'Left' || test._tag === 'Left') throw new Error('split refused');
    const trainRecords = new Uint8Array([...files['data_batch_1.bin']!, ...files['data_batch_2.bin']!]);
    expect(train.right.count).toBe(12);
    expect(Buffer.from(train.right.images).equals(Buffer.from(referenceNhwc(trainRecords)))).toBe(true);
    expect([...train.right.labels]).toEqual([...labelsOf(trainRecords)]);
    expect(Buffer.from(test.right.images).equals(Buffer.from(referenceNhwc(files['test_batch.bin']!)))).toBe(true);
  });

  it('names the manifest file and the bad field when the manifest does not decode', async () => {
    await editManifest((json) => (json['splits']['train']['count'] = -3));
    expect(await openError()).toMatch(/manifest\.json: field splits\.train\.count: expected NonNegativeInt, got -3; rebuild/);
  });

  it('refuses a manifest whose counts disagree with its file sizes', async () => {
    await editManifest((json) => (json['splits']['test']['images']['bytes'] = 1));
    expect(await openError()).toMatch(/splits\.test\.images\.bytes is 1 but 12288 are expected/);
  });

  it('refuses a data file whose size on disk differs from the manifest, naming it', async () => {
    await truncate(join(repo, 'train-labels.u8'), 5);
    expect(await openError()).toMatch(/train-labels\.u8: 5 bytes on disk but the manifest says 12/);
  });

  it('refuses a missing or unparsable manifest with a line that says how to rebuild', async () => {
    await writeFile(join(repo, 'manifest.json'), '{"formatVersion": 1,');
    expect(await openError()).toMatch(/manifest\.json: not valid JSON .*rebuild it with `npx nx run dataset-writer:run --source PATH_OR_URL --out .*repo`$/);
  });

  it('verifies sha256 on readSplit and names the corrupt file', async () => {
    const path = join(repo, 'test-images.u8');
    const bytes = await readFile(path);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(path, bytes);
    const opened = await openRepository(repo)();
    if (opened._tag === 'Left') throw new Error(opened.left);
    const test = await opened.right.readSplit('test')();
    expect(test).toEqual({ _tag: 'Left', left: expect.stringMatching(/test-images\.u8: sha256 [0-9a-f]{64} does not match/) });
    expect((await opened.right.readSplit('train')())._tag).toBe('Right');
  });
});
