import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnlyFolder } from '@resnet-cifar/cli-options/test-support';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { compile, saveModel } from '@resnet-cifar/resnet-graph';
import { resnet } from '@resnet-cifar/resnet-graph/pure';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const CIFAR_DIR = resolve(repoRoot, '../shared/data/cifar10');
const dir = mkdtempSync(join(tmpdir(), 'finetune-app-'));
const locked = readOnlyFolder(join(dir, 'locked'));
const modelDir = join(dir, 'model');

beforeAll(async () => {
  const written = await writeRepository(CIFAR_DIR, join(dir, 'records'))();
  if (E.isLeft(written)) throw new Error(written.left);
  await tf.setBackend('cpu');
  const model = compile(E.getOrElseW((m: string) => { throw new Error(m); })(resnet({ n: 1 })), tf, { seed: 2 });
  expect(E.isRight(await saveModel(modelDir, model)())).toBe(true);
  model.dispose();
}, 120_000);
afterAll(() => {
  locked.release();
  rmSync(dir, { recursive: true, force: true });
});

const finetune = (savePath: string, extra: readonly string[] = []): Promise<{ code: number | null; stderr: string }> =>
  new Promise((done) => {
    const args = ['--import', 'tsx', join(here, 'main.ts'), `--model-file=${modelDir}`, `--save-path=${savePath}`, `--data-dir=${join(dir, 'records')}`,
      '--train-records=64', '--val-records=32', '--epochs=1', '--batch-size=16', '--backend=wasm', ...extra];
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });

describe('finetune-app checks its save path before it trains', () => {
  it('a --save-path holding the user\'s files is refused in one line, before any training, and every file stays', async () => {
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'results.csv'), 'a,b\n1,2\n');
    const result = await finetune(theirs);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/epoch 0/);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('finetune-app:'))).toEqual([
      expect.stringMatching(new RegExp(`^finetune-app: --save-path: ${theirs} exists and holds files this project did not write \\(results\\.csv\\)`)),
    ]);
    expect(readdirSync(theirs)).toEqual(['results.csv']);
    expect(readFileSync(join(theirs, 'results.csv'), 'utf8')).toBe('a,b\n1,2\n');
  }, 120_000);

  it('a --save-path in a read-only folder is refused before any training, naming the real cause', async () => {
    const result = await finetune(join(dir, 'locked/tuned'));
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/epoch 0/);
    expect(result.stderr).toMatch(/^finetune-app: --save-path .*locked\/tuned: cannot write in .*locked: .*\((EPERM|EACCES)\)/m);
  }, 120_000);
});

describe('finetune-app --recompute', () => {
  it('fine-tunes with --recompute=blocks, says so on its first line, and saves the same weights as without it', async () => {
    const [plain, recomputed] = [join(dir, 'plain'), join(dir, 'recomputed')];
    const runs = [await finetune(plain), await finetune(recomputed, ['--recompute=blocks'])];
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs[0]?.stderr).toMatch(/^finetune-app runs with .* --recompute=none /m);
    expect(runs[1]?.stderr).toMatch(/^finetune-app runs with .* --recompute=blocks /m);
    expect(readFileSync(join(recomputed, 'weights.bin')).equals(readFileSync(join(plain, 'weights.bin')))).toBe(true);
  }, 180_000);

  it('refuses --recompute=sometimes in one line with exit code 2', async () => {
    const run = await finetune(join(dir, 'never'), ['--recompute=sometimes']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('finetune-app:'))).toEqual(["finetune-app: invalid --recompute 'sometimes': expected one of none, blocks"]);
  }, 60_000);
});
