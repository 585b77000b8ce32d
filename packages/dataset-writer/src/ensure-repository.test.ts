import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureRepository } from './ensure-repository.ts';
import { randomRecords, smallSourceFolder, type SourceFixture } from './test-support/fixtures.ts';
import { testSeed } from '@resnet-cifar/test-support';

let work: SourceFixture['work'];
let source: string;

beforeEach(async () => {
  ({ work, source } = await smallSourceFolder('ensure'));
});
afterEach(() => work.cleanup());

describe('ensureRepository', () => {
  it('builds when missing, reuses when up to date, rebuilds when the source changed', async () => {
    const out = join(work.dir, 'repo');
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    expect(await ensureRepository(source, out, log)()).toMatchObject({ _tag: 'Right', right: { reused: false } });
    expect(await ensureRepository(source, out, log)()).toMatchObject({ _tag: 'Right', right: { reused: true } });
    await writeFile(join(source, 'test_batch.bin'), randomRecords(testSeed('ensure changed'), 2));
    const rebuilt = await ensureRepository(source, out, log)();
    expect(rebuilt).toMatchObject({ _tag: 'Right', right: { reused: false, manifest: { splits: { test: { count: 2 } } } } });
    expect(lines.filter((line) => /wrote|reusing/.test(line)).map((line) => line.replace(/^.*repo: /, ''))).toEqual([
      'wrote 12 training images and 4 test images',
      expect.stringMatching(/^already holds the repository of this source/),
      'wrote 12 training images and 2 test images',
    ]);
  });
});
