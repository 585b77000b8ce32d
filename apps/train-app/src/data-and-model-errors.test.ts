import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@resnet-cifar/backend';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { compile, resnet, saveModel } from '@resnet-cifar/resnet-graph';
import { CIFAR_DIR, runApp } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'data-and-model-errors-'));
// Two sources made of CIFAR-10's own files: its first training batch with the test batch, and
// the first training batch alone (no test_batch.bin).
const [both, trainOnly] = [join(dir, 'both'), join(dir, 'train-only')];
const dataDir = join(dir, 'records');
const short = ['--depth=1', '--batch-size=32', '--backend=wasm', '--wasm-threads=1', '--workers=0'];
const errorLines = (stderr: string, app: string) => stderr.split('\n').filter((line) => line.startsWith(`${app}:`));

const savedModel = async (path: string, classes: number) => {
  const graph = resnet({ n: 1, classes });
  if (E.isLeft(graph)) throw new Error(graph.left);
  const model = compile(graph.right, tf, { seed: 1 });
  const saved = await saveModel(path, model)();
  model.dispose();
  if (E.isLeft(saved)) throw new Error(saved.left);
};

beforeAll(async () => {
  for (const [source, files] of [[both, ['data_batch_1.bin', 'test_batch.bin']], [trainOnly, ['data_batch_1.bin']]] as const) {
    mkdirSync(source);
    for (const file of files) symlinkSync(join(CIFAR_DIR, file), join(source, file));
  }
  const written = await writeRepository(both, dataDir)();
  if (E.isLeft(written)) throw new Error(written.left);
  await initBackend(tf, 'wasm');
  await Promise.all([savedModel(join(dir, 'model-10'), 10), savedModel(join(dir, 'model-5'), 5)]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train-app: the data must allow what the options ask for', () => {
  it.each([
    ['--train-records=999999', `--train-records 999999: ${dataDir} holds 10000 training records; ask for at most 10000, or leave --train-records out to use them all`],
    ['--val-records=20000', `--val-records 20000: ${dataDir} holds 10000 test records; ask for at most 10000, or leave --val-records out to use them all`],
  ])('refuses %s in one line instead of quietly using fewer, writing nothing', async (option, message) => {
    const output = join(dir, `too-many-${option.slice(2, 7)}`);
    const result = await runApp('train-app', [...short, option, `--data-dir=${dataDir}`, `--output-dir=${output}`]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr, 'train-app')).toEqual([`train-app: ${message}`]);
    expect(existsSync(output)).toBe(false);
  }, 60_000);

  it('warns when the source has no test_batch.bin, refuses to validate on nothing, and trains with --eval-freq=0', async () => {
    const records = join(dir, 'train-only-records');
    const refused = await runApp('train-app', [...short, `--source=${trainOnly}`, `--data-dir=${records}`, `--output-dir=${join(dir, 'no-val')}`]);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.split('\n');
    const warning = lines.findIndex((line) => line.includes('warning: the source has no test_batch.bin, so the repository gets no test split'));
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(lines.findIndex((line) => line.includes('wrote 10000 training images and no test split')));
    expect(errorLines(refused.stderr, 'train-app')).toEqual([expect.stringMatching(/^train-app: --data-dir .* has no test split .* pass --eval-freq=0 to train without validation/)]);
    const trained = await runApp('train-app', [...short, '--eval-freq=0', '--epochs=1', '--train-records=64', `--data-dir=${records}`, `--output-dir=${join(dir, 'no-val')}`]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/1 epochs, not validated/);
  }, 120_000);

  it('names its own --data-dir: a damaged repository, and a folder that is not one', async () => {
    const damaged = join(dir, 'damaged');
    expect(E.isRight(await writeRepository(trainOnly, damaged)())).toBe(true);
    const images = readFileSync(join(damaged, 'train-images.u8'));
    images[7] = 255 - images[7]!;
    writeFileSync(join(damaged, 'train-images.u8'), images);
    const corrupt = await runApp('train-app', [...short, '--eval-freq=0', `--data-dir=${damaged}`, `--output-dir=${join(dir, 'never')}`]);
    expect(errorLines(corrupt.stderr, 'train-app')).toEqual([
      expect.stringMatching(new RegExp(`train-images\\.u8: sha256 .* the file is corrupt, delete --data-dir ${damaged} and run again: train-app rebuilds it from --source$`)),
    ]);
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const other = await runApp('train-app', [...short, `--source=${trainOnly}`, `--data-dir=${foreign}`, `--output-dir=${join(dir, 'never')}`]);
    expect(errorLines(other.stderr, 'train-app')).toEqual([expect.stringMatching(/is not a record repository .*; pass --data-dir a new or empty folder, nothing was changed$/)]);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  }, 120_000);
});

describe('eval-app and finetune-app: any model file, any --records', () => {
  it('eval-app --records 100 evaluates those 100, though a batch holds 128', async () => {
    const result = await runApp('eval-app', [`--model-file=${join(dir, 'model-10')}`, `--data-dir=${dataDir}`, '--records=100', '--backend=wasm']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/over 100 images of the test split/);
  }, 60_000);

  it.each([
    ['eval-app', []],
    ['finetune-app', [`--save-path=${join(dir, 'fine-tuned')}`, '--train-records=64', '--val-records=64']],
  ] as const)('%s refuses a model for 5 classes on 10-class data in one line, writing nothing', async (app, extra) => {
    const result = await runApp(app, [`--model-file=${join(dir, 'model-5')}`, `--data-dir=${dataDir}`, '--backend=wasm', ...extra]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/broadcast|\n\s+at /);
    expect(errorLines(result.stderr, app)).toEqual([`${app}: ${join(dir, 'model-5', 'model.json')}: the model takes 32x32x3 images and scores 5 classes, but ${dataDir} holds 32x32x3 images of 10 classes`]);
    expect(existsSync(join(dir, 'fine-tuned'))).toBe(false);
  }, 60_000);
});
