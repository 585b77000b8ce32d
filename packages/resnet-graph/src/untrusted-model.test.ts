import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSeed } from '@resnet-cifar/test-support';
import { compile } from './compile.ts';
import { loadModel } from './load-model.ts';
import { saveModel } from './save-model.ts';
import { randomBatch, tinyGraph, useWasm } from './test-support.ts';

const tf = await useWasm();
const fits = { name: 'the test data', imageShape: [8, 8, 3], classes: 10 };

/** Every path into a JSON value (arrays: their first few elements), the root included. */
const pathsOf = (value: unknown, path: readonly string[] = []): string[][] => {
  const children = Array.isArray(value) ? value.slice(0, 4).map((v, i) => [String(i), v] as const) : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  return [[...path], ...children.flatMap(([key, child]) => pathsOf(child, [...path, key]))];
};
const replaced = (value: unknown, path: readonly string[], by: unknown): unknown => {
  const [key, ...rest] = path;
  if (key === undefined) return by;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[key] = replaced(copy[key], rest, by);
  return copy;
};

describe('loadModel on an untrusted model.json', () => {
  let dir: string;
  let manifest: unknown;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'untrusted-model-'));
    const model = compile(tinyGraph(), tf, { seed: 5 });
    await saveModel(dir, model)();
    model.dispose();
    manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers any field replaced by any JSON value with one line, or with a model that fits and runs, leaking nothing', async () => {
    const paths = pathsOf(manifest);
    const { images } = randomBatch(2, [8, 8, 3], 10, 1);
    const before = tf.memory().numTensors;
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.jsonValue(), async (at, value) => {
        await writeFile(join(dir, 'model.json'), JSON.stringify(replaced(manifest, paths[at] ?? [], value)));
        const loaded = await loadModel(dir, tf, fits)();
        if (E.isLeft(loaded)) {
          expect(loaded.left).not.toContain('\n');
          return;
        }
        const logits = loaded.right.predict(images);
        expect(logits.shape).toEqual([2, 10]);
        tf.dispose(logits);
        loaded.right.dispose();
        expect(tf.memory().numTensors).toBe(before);
      }),
      { seed: testSeed('untrusted model.json'), numRuns: 150 },
    );
    images.dispose();
  });

  it('refuses a sound model made for other data (5 classes, or 32x32 images) before building it', async () => {
    for (const [extra, takes] of [[{ classes: 5 }, '8x8x3 images and scores 5 classes'], [{ inputShape: [32, 32, 3] as const }, '32x32x3 images and scores 10 classes']] as const) {
      const other = join(dir, 'other');
      const model = compile(tinyGraph(extra), tf, { seed: 5 });
      await saveModel(other, model)();
      model.dispose();
      const before = tf.memory().numTensors;
      const loaded = await loadModel(other, tf, fits)();
      expect(loaded).toEqual(E.left(`${join(other, 'model.json')}: the model takes ${takes}, but the test data holds 8x8x3 images of 10 classes`));
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it.each(['', 'null', '[]', '{"a":'.repeat(5000), '\u0000\u0001\u0002'])('answers a model.json of %j with one line', async (text) => {
    await writeFile(join(dir, 'model.json'), text);
    const loaded = await loadModel(dir, tf, fits)();
    expect(E.isLeft(loaded) && !loaded.left.includes('\n')).toBe(true);
  });
});
