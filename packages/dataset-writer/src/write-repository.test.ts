import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepository } from './repository.ts';
import { randomRecords, smallSourceFolder, type SourceFixture } from './test-support/fixtures.ts';
import { writeRepository } from './write-repository.ts';
import { testSeed } from '@resnet-cifar/test-support';

let work: SourceFixture['work'];
let source: string;
let files: Record<string, Uint8Array>;

beforeEach(async () => {
  ({ work, source, files } = await smallSourceFolder('writer'));
});
afterEach(() => work.cleanup());

const write = async (out: string, options = {}) => {
  const lines: string[] = [];
  const result = await writeRepository(source, out, { log: (line) => lines.push(line), ...options })();
  return { result, lines };
};

describe('writeRepository', () => {
  it('reports the files it found, the partial ones and the missing ones', async () => {
    const { result, lines } = await write(join(work.dir, 'repo'));
    expect(result._tag).toBe('Right');
    expect(lines).toContain('data_batch_1.bin: 7 records (partial: the official file has 10000)');
    expect(lines).toContain('missing from the source: data_batch_3.bin, data_batch_4.bin, data_batch_5.bin');
  });

  it('reuses a repository built from the same source, with a message, and rebuilds on force', async () => {
    const out = join(work.dir, 'repo');
    await write(out);
    const before = await readFile(join(out, 'manifest.json'), 'utf8');
    const again = await write(out);
    expect(again.result).toMatchObject({ _tag: 'Right', right: { reused: true } });
    expect(again.lines.at(-1)).toMatch(/already holds the repository of this source .*reusing it/);
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(before);
    const forced = await write(out, { force: true });
    expect(forced.result).toMatchObject({ _tag: 'Right', right: { reused: false } });
  });

  it('verifies what it would reuse: a repository of this source with a flipped byte is rebuilt, not reused', async () => {
    const out = join(work.dir, 'repo');
    await write(out);
    const images = join(out, 'train-images.u8');
    const bytes = await readFile(images);
    bytes[100] = 255 - bytes[100]!;
    await writeFile(images, bytes);
    const damaged = await openRepository(out)();
    const read = damaged._tag === 'Right' ? await damaged.right.readSplit('train')() : damaged;
    expect(read).toEqual({ _tag: 'Left', left: expect.stringContaining(`the file is corrupt, rebuild it with \`npx nx run dataset-writer:run --source PATH_OR_URL --out ${out}\``) });
    const { result, lines } = await write(out);
    expect(result).toMatchObject({ _tag: 'Right', right: { reused: false } });
    expect(lines).toContainEqual(expect.stringMatching(/repo: replacing a damaged repository \(.*train-images\.u8: sha256 .* does not match/));
    const opened = await openRepository(out)();
    expect(opened._tag === 'Right' && (await opened.right.readSplit('train')())._tag).toBe('Right');
  });

  it('replaces a repository of another source whole, leaving no work folders', async () => {
    const out = join(work.dir, 'repo');
    await write(out);
    await writeFile(join(source, 'data_batch_1.bin'), randomRecords(testSeed('other source'), 3));
    const { result } = await write(out);
    expect(result).toMatchObject({ _tag: 'Right', right: { reused: false, manifest: { splits: { train: { count: 8 } } } } });
    const opened = await openRepository(out)();
    expect(opened._tag).toBe('Right');
    expect(await readdir(work.dir)).toEqual(expect.arrayContaining(['repo', 'source']));
    expect((await readdir(work.dir)).length).toBe(2);
  });

  it('fills an existing empty folder, and replaces a damaged repository with a message', async () => {
    const out = join(work.dir, 'repo');
    await mkdir(out);
    expect((await write(out)).result._tag).toBe('Right');
    await writeFile(join(out, 'manifest.json'), '{"formatVersion": 2}');
    const { result, lines } = await write(out);
    expect(result).toMatchObject({ _tag: 'Right', right: { reused: false } });
    expect(lines).toContainEqual(expect.stringMatching(/repo: replacing a damaged repository \(.*manifest\.json: field formatVersion: expected 1, got 2/));
    expect((await openRepository(out)())._tag).toBe('Right');
  });

  it('takes class names from batches.meta.txt, and refuses one without ten names', async () => {
    const names = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'];
    await writeFile(join(source, 'batches.meta.txt'), `${names.join('\n')}\n\n`);
    const { result } = await write(join(work.dir, 'repo'));
    expect(result).toMatchObject({ _tag: 'Right', right: { manifest: { classNames: names } } });
    await writeFile(join(source, 'batches.meta.txt'), 'cat\ndog\n');
    const bad = await write(join(work.dir, 'repo2'));
    expect(bad.result).toEqual({ _tag: 'Left', left: expect.stringMatching(/batches\.meta\.txt: expected 10 class names, one per line, found 2/) });
  });

  it('removes work folders left behind by a writer that was killed', async () => {
    const stale = join(work.dir, '.repo.tmp-999999999-0badc0de');
    await mkdir(stale);
    await writeFile(join(stale, 'train-images.u8'), 'half');
    await write(join(work.dir, 'repo'));
    expect((await readdir(work.dir)).sort()).toEqual(['repo', 'source']);
  });
});
