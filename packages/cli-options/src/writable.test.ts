import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { readOnlyFolder } from './test-support/read-only-folder.ts';
import { checkWritable } from './writable.ts';

const dir = mkdtempSync(join(tmpdir(), 'writable-'));
const locked = readOnlyFolder(join(dir, 'locked'));
afterAll(() => {
  locked.release();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkWritable', () => {
  it('accepts a folder that does not exist yet under a writable one, and creates nothing', () => {
    expect(checkWritable('--output-dir', join(dir, 'a/b/c'))).toEqual(E.right(undefined));
    expect(checkWritable('--output-dir', dir)).toEqual(E.right(undefined));
  });

  it('names the folder and the real cause for a location in a read-only folder, not ENOENT', () => {
    const result = checkWritable('--output-dir', join(dir, 'locked/run/deeper'));
    expect(E.isLeft(result) && result.left).toMatch(
      new RegExp(`^--output-dir ${dir}/locked/run/deeper: cannot write in ${dir}/locked: (permission denied|the operation is not permitted).* \\((EACCES|EPERM)\\): choose another --output-dir$`),
    );
  });

  it('refuses a path that runs through a file', () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    expect(checkWritable('--out', join(dir, 'plain-file/charts'))).toEqual(E.left(`--out ${dir}/plain-file/charts: ${dir}/plain-file is a file, not a folder: choose another --out`));
  });
});
