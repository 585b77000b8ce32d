import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnlyFolder } from '@resnet-cifar/cli-options/test-support';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { CIFAR_DIR, runApp } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-app-save-'));
const dataDir = join(dir, 'records');
const tiny = ['--depth=1', '--epochs=1', '--train-records=128', '--val-records=64', '--batch-size=32', '--backend=wasm', '--workers=0', `--data-dir=${dataDir}`];
const locked = readOnlyFolder(join(dir, 'locked'));

beforeAll(async () => {
  const written = await writeRepository(CIFAR_DIR, dataDir)();
  if (E.isLeft(written)) throw new Error(written.left);
}, 120_000);
afterAll(() => {
  locked.release();
  rmSync(dir, { recursive: true, force: true });
});

const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('train-app:'));

describe('--save-path never deletes what this project did not write', () => {
  it('a folder holding the user\'s files is refused before any work, in one line, and keeps every file', async () => {
    const theirs = join(dir, 'theirs');
    mkdirSync(join(theirs, 'photos'), { recursive: true });
    writeFileSync(join(theirs, 'notes.txt'), 'months of notes');
    const output = join(dir, 'refused-run');
    const result = await runApp('train-app', [...tiny, `--output-dir=${output}`, `--save-path=${theirs}`]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      `train-app: --save-path: ${theirs} exists and holds files this project did not write (notes.txt, photos): a model is saved only to a new folder or over a model saved before, never over other files; choose another --save-path`,
    ]);
    expect(readdirSync(theirs).sort()).toEqual(['notes.txt', 'photos']);
    expect(readFileSync(join(theirs, 'notes.txt'), 'utf8')).toBe('months of notes');
    expect(existsSync(output)).toBe(false); // refused before the run began
  }, 60_000);

  it('--save-path . (the working folder) is refused and takes nothing with it', async () => {
    const cwd = join(dir, 'working-folder');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'keep.me'), 'x');
    const result = await runApp('train-app', [...tiny, `--output-dir=${join(dir, 'dot-run')}`, '--save-path=.'], { cwd });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/^train-app: --save-path: \. exists and holds files this project did not write \(keep\.me\)/)]);
    expect(readdirSync(cwd)).toEqual(['keep.me']);
  }, 60_000);

  it('a --save-path equal to --output-dir works: the model lands beside the run\'s files, which all stay, and eval-app reads it', async () => {
    const output = join(dir, 'same-folder');
    const result = await runApp('train-app', [...tiny, `--output-dir=${output}`, `--save-path=${output}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/model saved to .*same-folder\n$/);
    for (const file of ['events.jsonl', 'epochs.csv', 'checkpoint.ckpt', 'val_error.svg', 'model.json', 'weights.bin']) expect(existsSync(join(output, file)), file).toBe(true);
    expect(readdirSync(output).filter((name) => name.includes('.tmp'))).toEqual([]);
    const evaluated = await runApp('eval-app', [`--model-file=${output}`, `--data-dir=${dataDir}`, '--records=64', '--batch-size=32', '--backend=wasm']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/^Error = [\d.]+%/);
  }, 120_000);
});

describe('outputs that cannot be written are found before any work', () => {
  it('an --output-dir in a read-only folder: one line naming the folder and the real cause (not ENOENT), nothing built', async () => {
    const missingData = join(dir, 'never-built');
    const result = await runApp('train-app', [...tiny.filter((a) => !a.startsWith('--data-dir')), `--data-dir=${missingData}`, `--source=${CIFAR_DIR}`, `--output-dir=${join(dir, 'locked/run')}`]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^train-app: --output-dir ${dir}/locked/run: cannot write in ${dir}/locked: .* \\((EPERM|EACCES)\\): choose another --output-dir$`)),
    ]);
    expect(existsSync(missingData)).toBe(false);
  }, 60_000);

  it('a --data-dir still to be built in a read-only folder is refused the same way, before the data are read', async () => {
    const result = await runApp('train-app', [...tiny.filter((a) => !a.startsWith('--data-dir')), `--data-dir=${join(dir, 'locked/records')}`, `--source=${CIFAR_DIR}`, `--output-dir=${join(dir, 'data-refused')}`]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/^train-app: --data-dir .*locked\/records: cannot write in .*locked: .*\((EPERM|EACCES)\)/)]);
    expect(existsSync(join(dir, 'data-refused'))).toBe(false);
  }, 60_000);
});
