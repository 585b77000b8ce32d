import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { tap } from 'rxjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initBackend } from '@resnet-cifar/backend';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import type { TrainEvent } from '@resnet-cifar/metrics';
import { cosine } from '@resnet-cifar/optim';
import { compile, getWeights, loadModel, resnet, saveModel } from '@resnet-cifar/resnet-graph';
import { loadRunData, type RunData } from '@resnet-cifar/trainer';
import { fineTune } from './fine-tune.ts';

const CIFAR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/cifar10');
const dir = mkdtempSync(join(tmpdir(), 'finetune-'));
let data: RunData;

beforeAll(async () => {
  expect(E.isRight(await initBackend(tf, 'wasm'))).toBe(true);
  const written = await writeRepository(CIFAR_DIR, join(dir, 'records'))();
  if (E.isLeft(written)) throw new Error(written.left);
  const loaded = await loadRunData(join(dir, 'records'), { trainRecords: 256, valRecords: 128 })();
  if (E.isLeft(loaded)) throw new Error(loaded.left);
  data = loaded.right;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('fine-tunes a saved model with a new schedule: loss falls, TTA judges it, nothing leaks', async () => {
  const graph = E.getOrElseW((m: string) => { throw new Error(m); })(resnet({ n: 1 }));
  const original = compile(graph, tf, { seed: 5 });
  const saved = await saveModel(join(dir, 'model'), original)();
  expect(E.isRight(saved)).toBe(true);
  const startWeights = await getWeights(original);
  original.dispose();

  const model = await loadModel(join(dir, 'model'), tf)();
  if (E.isLeft(model)) throw new Error(model.left);
  const tensors = tf.memory().numTensors;
  const events: TrainEvent[] = [];
  const validation = data.validation ?? data.train;
  const how = { epochs: 3, batchSize: 32, schedule: cosine(0.05, 3), seed: 3, flip: true };
  const result = await fineTune(tf, model.right, { train: data.train, validation }, how, tap((e: TrainEvent) => events.push(e)));

  expect(tf.memory().numTensors).toBe(tensors);
  const losses = events.flatMap((e) => (e.type === 'epoch' ? [e.trainLoss] : []));
  expect(losses).toHaveLength(3);
  expect(losses[2]).toBeLessThan(losses[0] ?? 0);
  expect(events.flatMap((e) => (e.type === 'epoch' ? [e.lr] : []))).toEqual([0.05, cosine(0.05, 3)(1), cosine(0.05, 3)(2)]);
  expect(result.before.count).toBe(128);
  expect(result.after.count).toBe(128);
  const changed = [...(await getWeights(model.right))].filter(([name, w]) => w.some((v, i) => v !== startWeights.get(name)?.[i]));
  expect(changed.length).toBeGreaterThan(0);
  model.right.dispose();
}, 180_000);
