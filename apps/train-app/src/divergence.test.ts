import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { compile, getWeights, saveModel, setWeights } from '@resnet-cifar/resnet-graph';
import { resnet } from '@resnet-cifar/resnet-graph/pure';
import { readCheckpoint } from '@resnet-cifar/trainer';
import { CIFAR_DIR, runApp } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-app-nan-'));
const dataDir = join(dir, 'records');
const tiny = ['--depth=1', '--train-records=256', '--val-records=64', '--batch-size=16', '--backend=wasm', '--workers=0', `--data-dir=${dataDir}`];

beforeAll(async () => {
  const written = await writeRepository(CIFAR_DIR, dataDir)();
  if (E.isLeft(written)) throw new Error(written.left);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lastEvent = (output: string) => JSON.parse(readFileSync(join(output, 'events.jsonl'), 'utf8').trim().split('\n').at(-1) ?? '{}') as { type?: string };

describe('a loss gone NaN stops the run at once, and what was good stays', () => {
  it('--lr=1e8: stops in epoch 0 naming the step and the likely cause, no checkpoint, no model, exit 1', async () => {
    const output = join(dir, 'lr-1e8');
    const result = await runApp('train-app', [...tiny, '--epochs=2', '--lr=1e8', `--output-dir=${output}`]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('train-app:'));
    expect(lines).toEqual([
      expect.stringMatching(/^train-app: the training loss became NaN or infinite at epoch 0, step \d+ \(learning rate 100000000\): the learning rate is most likely too high .*no checkpoint had been written/),
    ]);
    expect(existsSync(join(output, 'checkpoint.ckpt'))).toBe(false);
    expect(existsSync(join(output, 'model'))).toBe(false);
    expect(readFileSync(join(output, 'epochs.csv'), 'utf8').trim().split('\n')).toHaveLength(1); // the header: no NaN epoch row
    expect(lastEvent(output).type).toBe('run-failed');
  }, 120_000);

  it('a schedule that explodes at epoch 1: the checkpoint of epoch 0 is kept, nothing NaN replaces it', async () => {
    const output = join(dir, 'explodes-later');
    const result = await runApp('train-app', [...tiny, '--epochs=3', '--schedule=multistep:0.1*1e9@1', `--output-dir=${output}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/train-app: the training loss became NaN or infinite at epoch 1, step \d+ .*the last good checkpoint, .*checkpoint\.ckpt, is kept as it was/);
    const kept = await readCheckpoint(join(output, 'checkpoint.ckpt'))();
    if (E.isLeft(kept)) throw new Error(kept.left);
    expect(kept.right.meta).toMatchObject({ epoch: 1, stepInEpoch: 0 });
    expect([...kept.right.arrays.values()].every((a) => a.values.every(Number.isFinite))).toBe(true);
    expect(existsSync(join(output, 'model'))).toBe(false);
  }, 120_000);

  it('eval-app refuses a model whose outputs are NaN, in one line, exit 1', async () => {
    await tf.setBackend('cpu');
    const model = compile(E.getOrElseW((m: string) => { throw new Error(m); })(resnet({ n: 1 })), tf, { seed: 3 });
    const poisoned = new Map([...(await getWeights(model))].map(([name, values]) => [name, name === 'stem/conv/weights' ? values.map(() => NaN) : values]));
    expect(E.isRight(setWeights(model, poisoned, tf))).toBe(true);
    const path = join(dir, 'nan-model');
    expect(E.isRight(await saveModel(path, model)())).toBe(true);
    model.dispose();
    const result = await runApp('eval-app', [`--model-file=${path}`, `--data-dir=${dataDir}`, '--records=64', '--batch-size=32', '--backend=wasm']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter((line) => line.startsWith('eval-app:'))).toEqual([
      `eval-app: ${path}: the model's outputs are NaN or infinite for 64 of 64 images: its training diverged (or its weights are damaged); evaluate another model`,
    ]);
  }, 120_000);
});
