import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { loadModel } from './load-model.ts';
import { graphToJson, ModelManifest } from './pure/index.ts';
import type { ResnetModel } from './resnet-model.ts';
import { saveModel } from './save-model.ts';
import { randomBatch, tinyGraph, useWasm } from './test-support.ts';
import { getWeights } from './weights.ts';
import { testSeed } from '@resnet-cifar/test-support';
import { peakBufferBytes } from '@resnet-cifar/backend';

const tf = await useWasm();

const unwrap = <L, A>(result: E.Either<L, A>): A => {
  if (E.isLeft(result)) throw new Error(String(result.left));
  return result.right;
};

describe('saveModel / loadModel', () => {
  let root: string;
  let model: ResnetModel;
  const batch = randomBatch(4, [8, 8, 3], 10, testSeed('save/load'));
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'resnet-graph-'));
    model = compile(tinyGraph(), tf, { seed: 21 });
    // One step so the running statistics are no longer their initial zeros.
    const step = model.lossAndGradients(batch.images, batch.labels);
    tf.dispose([step.loss, step.logits, ...step.grads.values()]);
  });
  afterAll(async () => {
    model.dispose();
    tf.dispose([batch.images, batch.labels]);
    await rm(root, { recursive: true, force: true });
  });

  const saved = async (name: string): Promise<string> => {
    const dir = join(root, name);
    unwrap(await saveModel(dir, model)());
    return dir;
  };

  it('reloads to the same weights and the same predictions, without leaking tensors', async () => {
    const dir = await saved('roundtrip');
    const before = tf.memory().numTensors;
    const loaded = unwrap(await loadModel(dir, tf)());
    expect(tf.memory().numTensors).toBe(before + loaded.parameters.length);
    expect(await getWeights(loaded)).toEqual(await getWeights(model));
    const [a, b] = [model.predict(batch.images), loaded.predict(batch.images)];
    expect(b.arraySync()).toEqual(a.arraySync());
    tf.dispose([a, b]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads a model that trains with the recompute asked for: a step holds fewer bytes, its gradients the same bits', async () => {
    // Deep enough (12 blocks) that keeping inputs alone saves more than one block's recompute holds.
    const deep = compile(tinyGraph({ n: 4 }), tf, { seed: 22 });
    const dir = join(root, 'recompute');
    unwrap(await saveModel(dir, deep)());
    deep.dispose();
    const step = async (how: Parameters<typeof loadModel>[3]) => {
      const loaded = unwrap(await loadModel(dir, tf, undefined, how)());
      const grads: Float32Array[] = [];
      const peakBytes = await peakBufferBytes(tf, () => {
        const result = loaded.lossAndGradients(batch.images, batch.labels);
        grads.push(...[...result.grads.values()].map((g) => g.dataSync() as Float32Array));
        tf.dispose([result.loss, result.logits, ...result.grads.values()]);
      });
      loaded.dispose();
      return { peakBytes, grads: Buffer.concat(grads.map((g) => Buffer.from(g.buffer))) };
    };
    const [plain, recomputed] = [await step(undefined), await step({ recompute: 'blocks' })];
    expect(recomputed.peakBytes).toBeLessThan(plain.peakBytes);
    expect(recomputed.grads.equals(plain.grads)).toBe(true);
  });

  it('writes model.json (graph + manifest) and weights.bin sized as the manifest says, nothing else', async () => {
    const dir = await saved('layout');
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const manifest = unwrap(ModelManifest.decode(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'))));
    expect(JSON.parse(graphToJson(model.graph))).toEqual(manifest.graph);
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(manifest.weights.byteLength);
    const gamma = manifest.weights.entries.find((entry) => entry.name === 'stem/bn/gamma');
    const bytes = await readFile(join(dir, 'weights.bin'));
    expect(bytes.readFloatLE(gamma?.offset ?? -1)).toBe((await getWeights(model)).get('stem/bn/gamma')?.[0]);
  });

  it('replaces an existing save whole and leaves no temporary folders', async () => {
    const dir = await saved('replace');
    await saved('replace');
    expect((await readdir(root)).filter((name) => name.includes('replace'))).toEqual(['replace']);
    expect(E.isRight(await loadModel(dir, tf)().then((r) => (E.isRight(r) && r.right.dispose(), r)))).toBe(true);
  });

  it('never replaces a folder holding anything it did not write: refused in one line, every file kept', async () => {
    const dir = join(root, 'users-folder');
    await mkdir(join(dir, 'notes'), { recursive: true });
    await writeFile(join(dir, 'thesis.tex'), 'years of work');
    await writeFile(join(dir, 'model.json'), '{"mine": true}');
    const result = await saveModel(dir, model)();
    expect(E.isLeft(result) && result.left).toBe(
      `${dir} exists and holds files this project did not write (model.json, notes, thesis.tex): a model is saved only to a new folder or over a model saved before, never over other files; choose another --save-path`,
    );
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'notes', 'thesis.tex']);
    expect(await readFile(join(dir, 'thesis.tex'), 'utf8')).toBe('years of work');
    const besideASave = await saved('beside');
    await writeFile(join(besideASave, 'README'), 'a note of mine');
    expect(E.isLeft(await saveModel(besideASave, model)())).toBe(true);
    expect((await readdir(besideASave)).sort()).toEqual(['README', 'model.json', 'weights.bin']);
  });

  it('refuses a save path that is a file, and takes an empty folder', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    const result = await saveModel(file, model)();
    expect(E.isLeft(result) && result.left).toMatch(/a-file is a file, not a folder/);
    expect(await readFile(file, 'utf8')).toBe('x');
    const empty = join(root, 'empty');
    await mkdir(empty);
    expect(E.isRight(await saveModel(empty, model)())).toBe(true);
    expect((await readdir(empty)).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('with into, writes the two files among a run\'s own files and keeps them; never over a foreign model.json', async () => {
    const run = join(root, 'run-output');
    await mkdir(run);
    await writeFile(join(run, 'events.jsonl'), '{"type":"run-started"}\n');
    await writeFile(join(run, 'checkpoint.ckpt'), 'checkpoint bytes');
    expect(E.isRight(await saveModel(run, model, { into: true })())).toBe(true);
    expect(E.isRight(await saveModel(run, model, { into: true })())).toBe(true); // and again, over its own
    expect((await readdir(run)).sort()).toEqual(['checkpoint.ckpt', 'events.jsonl', 'model.json', 'weights.bin']);
    const loaded = unwrap(await loadModel(run, tf)());
    expect(await getWeights(loaded)).toEqual(await getWeights(model));
    loaded.dispose();
    await writeFile(join(run, 'model.json'), '{"someone": "else"}');
    const refused = await saveModel(run, model, { into: true })();
    expect(E.isLeft(refused) && refused.left).toMatch(/model\.json exists and is not a model this project saved/);
  });

  it('rejects a corrupt weights file by its checksum', async () => {
    const dir = await saved('corrupt');
    const bytes = await readFile(join(dir, 'weights.bin'));
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    await writeFile(join(dir, 'weights.bin'), bytes);
    const result = await loadModel(dir, tf)();
    expect(E.isLeft(result) && result.left).toMatch(/weights\.bin is corrupt: its sha256 is [0-9a-f]{64}, model\.json expects/);
  });

  it('rejects a truncated weights file by its size', async () => {
    const dir = await saved('truncated');
    await truncate(join(dir, 'weights.bin'), 1000);
    const result = await loadModel(dir, tf)();
    expect(E.isLeft(result) && result.left).toMatch(/weights\.bin has 1000 bytes but model\.json expects \d+: truncated, or from another model/);
  });

  it('rejects weights saved for another graph, naming what differs', async () => {
    const dir = await saved('mismatch');
    const path = join(dir, 'model.json');
    const manifest = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...manifest, graph: JSON.parse(graphToJson(tinyGraph({ widths: [4, 8, 32] }))) }));
    const result = await loadModel(dir, tf)();
    expect(E.isLeft(result) && result.left).toBe(
      'weights do not match graph resnet8: stage3/block0/conv1/weights is [3, 3, 8, 16] in the weights but [3, 3, 8, 32] in the graph; ' +
        'stage3/block0/bn1/gamma is [16] in the weights but [32] in the graph',
    );
    await writeFile(path, JSON.stringify({ ...manifest, graph: JSON.parse(graphToJson(tinyGraph({ shortcut: 'zero-pad' }))) }));
    const renamed = await loadModel(dir, tf)();
    expect(E.isLeft(renamed) && renamed.left).toBe(
      'weights do not match graph resnet8: the weights have parameters the graph does not: stage2/block0/projection/weights, stage3/block0/projection/weights',
    );
  });

  it('rejects a manifest that is not one, and a missing folder, in one line', async () => {
    const dir = await saved('garbled');
    await writeFile(join(dir, 'model.json'), '{"format": "something-else"}');
    const garbled = await loadModel(dir, tf)();
    expect(E.isLeft(garbled) && garbled.left).toMatch(/model\.json is not a resnet-cifar model manifest v1: format: expected "resnet-cifar-model"/);
    const missing = await loadModel(join(root, 'nowhere'), tf)();
    expect(E.isLeft(missing) && missing.left).toMatch(/^cannot read .*nowhere\/model\.json: ENOENT/);
  });
});
