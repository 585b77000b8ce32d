import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { epochBatchIterator } from './epoch-batch-iterator.ts';
import { openSplit } from './open-split.ts';
import { smallRepository } from './test-support/repository.ts';

const errorOf = async (dir: string): Promise<string> => {
  const r = await openSplit(dir, 'train')();
  if (E.isRight(r)) throw new Error(`expected ${dir} to be refused`);
  return r.left;
};

describe('openSplit (the record repository from the dataset writer)', () => {
  it('reads a split with the manifest training mean, ready for an epoch', async () => {
    const dir = await smallRepository(300, 50);
    const train = await openSplit(dir, 'train')();
    if (E.isLeft(train)) throw new Error(train.left);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { trainMean: number[] };
    expect(train.right.count).toBe(300);
    expect(train.right.mean).toEqual(manifest.trainMean);
    const it = epochBatchIterator(train.right, { seed: 1, epoch: 0, mode: 'train', batchSize: 100 });
    expect((await it.next()).value?.size).toBe(100);
    await it.return?.();
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('refuses a missing, corrupt or undecodable repository with one line, so no batch is ever made', async () => {
    const dir = await smallRepository(40, 10);
    const missing = await errorOf(path.join(dir, 'nowhere'));
    expect(missing).toMatch(/cannot read the repository manifest/);

    const imagesFile = (await readdir(dir)).find((f) => f.startsWith('train') && f.includes('image'));
    const bytes = await readFile(path.join(dir, imagesFile!));
    bytes[1000] = (bytes[1000]! + 1) % 256;
    await writeFile(path.join(dir, imagesFile!), bytes);
    expect(await errorOf(dir)).toMatch(/sha256 .* does not match/);

    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestPath, JSON.stringify({ ...manifest, formatVersion: 99 }));
    const undecodable = await errorOf(dir);
    expect(undecodable).toMatch(/manifest\.json/);

    for (const message of [missing, undecodable]) expect(message).not.toContain('\n');
    await rm(path.dirname(dir), { recursive: true, force: true });
  });
});
