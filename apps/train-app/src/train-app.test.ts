import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { readEpochCsv } from '@resnet-cifar/metrics';
import { CIFAR_DIR, runApp } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-app-'));
const dataDir = join(dir, 'records');
const shortRun = ['--depth=1', '--train-records=256', '--val-records=128', '--batch-size=32', '--backend=wasm', `--data-dir=${dataDir}`];

beforeAll(async () => {
  const written = await writeRepository(CIFAR_DIR, dataDir)();
  if (E.isLeft(written)) throw new Error(written.left);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train-app and eval-app on real CIFAR-10 (n = 1, 256 images, wasm)', () => {
  const whole = join(dir, 'whole');

  it('trains 2 epochs with falling loss and writes the log, CSV, plots and model', async () => {
    // One loader thread and one wasm thread here, no loader thread and two wasm threads in the
    // resumed run below: neither may change a bit of the result.
    const result = await runApp('train-app', [...shortRun, '--epochs=2', '--workers=1', '--wasm-threads=1', `--output-dir=${whole}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(/^train-app runs with --depth=1 \(ResNet-8\) --batch-size=32 --epochs=2 --train-records=256 --val-records=128 .* --backend=wasm \(wasm\) --wasm-threads=1 --workers=1 /);
    expect(result.stdout).toMatch(/^ResNet-8 \(n=1\): 2 epochs, validation error [\d.]+%/);
    for (const file of ['events.jsonl', 'epochs.csv', 'val_error.svg', 'val_error_zoom.svg', 'train_loss.svg', 'model/model.json', 'model/weights.bin']) {
      expect(existsSync(join(whole, file)), file).toBe(true);
    }
    const csv = await readEpochCsv(join(whole, 'epochs.csv'))();
    if (E.isLeft(csv)) throw new Error(csv.left);
    const [first, second] = csv.right.rows;
    expect(second?.trainLoss).toBeLessThan(first?.trainLoss ?? 0);
  }, 300_000);

  it('eval-app reports the same error as the last validation of the training', async () => {
    const csv = await readEpochCsv(join(whole, 'epochs.csv'))();
    const lastError = E.isRight(csv) ? csv.right.rows.at(-1)?.valError : undefined;
    expect(lastError).toBeDefined();
    const result = await runApp('eval-app', [`--model-file=${join(whole, 'model')}`, `--data-dir=${dataDir}`, '--records=128', '--backend=wasm']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Error = ${((lastError ?? NaN) * 100).toFixed(2)}%`);
  }, 120_000);

  it('stopped after epoch 1 and resumed with --resume (on 2 wasm threads, recomputing blocks), ends with the same model bytes', async () => {
    const split = join(dir, 'split');
    const firstPart = await runApp('train-app', [...shortRun, '--epochs=1', '--workers=0', '--wasm-threads=2', `--output-dir=${split}`]);
    expect(firstPart.code, firstPart.stderr).toBe(0);
    // --recompute may change on a resume: it keeps less and computes more, never other bits.
    const resumed = await runApp('train-app', [...shortRun, '--epochs=2', '--workers=0', '--wasm-threads=2', '--recompute=blocks', '--resume', `--output-dir=${split}`]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(join(split, 'model/weights.bin')).equals(readFileSync(join(whole, 'model/weights.bin')))).toBe(true);
  }, 300_000);

  it('refuses a batch larger than the training images before writing anything', async () => {
    const output = join(dir, 'too-big-batch');
    const args = [...shortRun.filter((a) => !a.startsWith('--batch-size')), '--batch-size=512', `--output-dir=${output}`];
    const result = await runApp('train-app', args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^train-app: --batch-size 512 is larger than the 256 training images/m);
    expect(existsSync(output)).toBe(false);
  }, 60_000);

  it('refuses to start a new run over an earlier one without --resume, and leaves it as it was', async () => {
    const before = readFileSync(join(whole, 'checkpoint.ckpt'));
    const result = await runApp('train-app', [...shortRun, '--epochs=2', `--output-dir=${whole}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^train-app: .* already holds a run .*pass --resume/m);
    expect(readFileSync(join(whole, 'checkpoint.ckpt')).equals(before)).toBe(true);
  }, 60_000);

  it('eval-app refuses a model whose weights file was cut short, in one line', async () => {
    const corrupt = join(dir, 'corrupt-model');
    cpSync(join(whole, 'model'), corrupt, { recursive: true });
    truncateSync(join(corrupt, 'weights.bin'), 1000);
    const result = await runApp('eval-app', [`--model-file=${corrupt}`, `--data-dir=${dataDir}`, '--backend=wasm']);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('eval-app:'));
    expect(lines).toEqual([expect.stringContaining('weights.bin')]);
  }, 60_000);
});

describe('bad input gets one line, exit code 2 and writes nothing', () => {
  it.each([
    [['--depth=0'], /^train-app: invalid --depth '0': expected an integer in 1\.\.200$/],
    [['--batch-size=0'], /^train-app: invalid --batch-size '0': expected a positive integer$/],
    [['--schedule=step:135,90'], /^train-app: --schedule: .*/],
    [['--padding=reflect'], /^train-app: invalid --padding 'reflect'/],
    [['--recompute=sometimes'], /^train-app: invalid --recompute 'sometimes': expected one of none, blocks$/],
    [['--backend=tensorflow'], /^train-app: --backend: .*tfjs-node/],
    [['--epochs'], /^train-app: option --epochs needs a value/],
  ])('%j', async (args, message) => {
    const output = join(dir, `bad-${args.join('_').replace(/[^a-z0-9]/gi, '')}`);
    const result = await runApp('train-app', [...args, `--output-dir=${output}`, `--data-dir=${join(dir, 'absent')}`]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n').filter((line) => line.startsWith('train-app:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  }, 60_000);

  it('eval-app: a missing model folder and a missing --model-file each give one clear line', async () => {
    const missing = await runApp('eval-app', [`--model-file=${join(dir, 'nowhere')}`, `--data-dir=${dataDir}`, '--backend=wasm']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^eval-app: .*nowhere/m);
    const noModel = await runApp('eval-app', [`--data-dir=${dataDir}`]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/^eval-app: --model-file is required/m);
  }, 60_000);
});
