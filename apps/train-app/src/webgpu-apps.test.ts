import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnWebGpu } from '@resnet-cifar/backend/test-support';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { readEpochCsv } from '@resnet-cifar/metrics';
import { CIFAR_DIR, runApp } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'webgpu-apps-'));
const dataDir = join(dir, 'records');
const run = join(dir, 'run');
// The software adapter takes seconds per step: one step of 16 images, and 16 to validate.
const tiny = ['--depth=1', '--train-records=16', '--val-records=16', '--batch-size=16', '--workers=0', `--data-dir=${dataDir}`];

describeOnWebGpu('train-app, eval-app and finetune-app with --backend webgpu', () => {
  beforeAll(async () => {
    const written = await writeRepository(CIFAR_DIR, dataDir)();
    if (E.isLeft(written)) throw new Error(written.left);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('train-app trains on webgpu, names the adapter, saves the model and exits', async () => {
    const result = await runApp('train-app', [...tiny, '--epochs=1', '--backend=webgpu', `--output-dir=${run}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^backend webgpu on WebGPU adapter .+/m);
    expect(result.stdout).toMatch(/^ResNet-8 \(n=1\): 1 epochs, validation error [\d.]+%.*model saved to/);
  }, 300_000);

  it('eval-app gives the error the training validated, on webgpu and on wasm alike', async () => {
    const csv = await readEpochCsv(join(run, 'epochs.csv'))();
    const lastError = E.isRight(csv) ? csv.right.rows.at(-1)?.valError : undefined;
    const [onGpu, onWasm] = await Promise.all(['webgpu', 'wasm'].map((backend) =>
      runApp('eval-app', [`--model-file=${join(run, 'model')}`, `--data-dir=${dataDir}`, '--records=16', '--batch-size=16', `--backend=${backend}`])));
    expect(onGpu?.code, onGpu?.stderr).toBe(0);
    expect(onWasm?.code, onWasm?.stderr).toBe(0);
    const firstLine = `Error = ${((lastError ?? NaN) * 100).toFixed(2)}%`;
    expect(onGpu?.stdout.split('\n')[0]).toBe(firstLine);
    expect(onWasm?.stdout.split('\n')[0]).toBe(firstLine);
  }, 300_000);

  it('finetune-app fine-tunes the saved model on webgpu and saves it', async () => {
    const result = await runApp('finetune-app', [
      `--model-file=${join(run, 'model')}`, `--save-path=${join(dir, 'tuned')}`, `--data-dir=${dataDir}`, '--backend=webgpu',
      '--train-records=16', '--val-records=16', '--batch-size=16', '--epochs=1', '--schedule=cosine:0.01@1', '--flip=false',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^error [\d.]+% -> [\d.]+%; saved to /);
  }, 300_000);
});
