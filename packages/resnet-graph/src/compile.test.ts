import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { parameterCounts } from './pure/index.ts';
import { graphOf } from './pure-tests/test-graphs.ts';
import { randomBatch, tinyGraph, useWasm } from './test-support.ts';
import { getWeights } from './weights.ts';
import { testSeed } from '@resnet-cifar/test-support';

const tf = await useWasm();

describe('compile', () => {
  const graph = graphOf({ n: 3 });
  let model: ReturnType<typeof compile>;
  beforeAll(() => {
    model = compile(graph, tf, { seed: 11 });
  });
  afterAll(() => model.dispose());

  it('creates one variable per parameter, keyed by parameter name, split as the counts say', () => {
    const size = (vars: ReadonlyMap<string, { size: number }>) => [...vars.values()].reduce((sum, v) => sum + v.size, 0);
    const counts = parameterCounts(graph);
    expect(size(model.trainable)).toBe(269_732);
    expect(size(model.nonTrainable)).toBe(counts.fixed + counts.running);
    expect(model.trainable.has('stage2/block0/conv1/weights')).toBe(true);
    expect(model.trainable.has('stage2/block0/bn1/gamma')).toBe(true);
    expect(model.nonTrainable.has('stage2/block0/projection/weights')).toBe(true);
    expect(model.nonTrainable.get('stage2/block0/bn1/runningVariance')?.trainable).toBe(false);
  });

  it('names tfjs variables after the graph, and compiles the same graph twice side by side', () => {
    const again = compile(graph, tf, { seed: 11 });
    expect(model.trainable.get('stem/conv/weights')?.name).toBe('resnet20#0/stem/conv/weights');
    expect(again.trainable.get('stem/conv/weights')?.name).toBe('resnet20#1/stem/conv/weights');
    const before = tf.memory().numTensors;
    again.dispose();
    expect(tf.memory().numTensors).toBe(before - model.parameters.length);
  });

  it('draws the same weights from the same seed, and other weights from another seed', async () => {
    const again = compile(graph, tf, { seed: 11 });
    const other = compile(graph, tf, { seed: 12 });
    const name = 'stage3/block1/conv2/weights';
    expect((await getWeights(again)).get(name)).toEqual((await getWeights(model)).get(name));
    expect((await getWeights(other)).get(name)).not.toEqual((await getWeights(model)).get(name));
    again.dispose();
    other.dispose();
  });

  it('keeps a parameter\'s initial values when other nodes are added to the graph', async () => {
    const withConvShortcuts = compile(graphOf({ n: 3, shortcut: 'conv' }), tf, { seed: 11 });
    const name = 'stage3/block0/conv1/weights';
    expect((await getWeights(withConvShortcuts)).get(name)).toEqual((await getWeights(model)).get(name));
    withConvShortcuts.dispose();
  });

  it('initialises kernels with plain Kaiming normals: std within 5% of sqrt(2 / fan_in), tails past 2 std', async () => {
    const weights = await getWeights(model);
    const kernels = model.parameters.filter((p) => p.init.kind === 'normal' && p.shape.reduce((a, b) => a * b, 1) >= 2304);
    expect(kernels).toHaveLength(18); // every conv but the 432-weight stem
    for (const spec of kernels) {
      const values = weights.get(spec.name) ?? new Float32Array();
      const fanIn = spec.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const expected = Math.sqrt(2 / fanIn);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      expect(Math.abs(std / expected - 1), spec.name).toBeLessThan(0.05);
      // A truncated normal (tfjs' heNormal) has nothing beyond 2 std; a plain one has ~4.6% there.
      const tails = values.filter((v) => Math.abs(v) > 2 * expected).length / values.length;
      expect(tails, spec.name).toBeGreaterThan(0.02);
    }
    expect(model.parameters.find((p) => p.name === 'head/dense/weights')?.init).toEqual({ kind: 'normal', std: Math.sqrt(2 / 64) });
  });

  it('starts batch norms at gamma 1, beta 0 and running statistics 0 (neon, not tfjs)', async () => {
    const weights = await getWeights(model);
    expect([...(weights.get('stage1/block0/bn2/gamma') ?? [])]).toEqual(Array(16).fill(1));
    for (const suffix of ['beta', 'runningMean', 'runningVariance'])
      expect([...(weights.get(`head/bn/${suffix}`) ?? [])]).toEqual(Array(10).fill(0));
  });

  it('fixes the projection to the identity: weight[0, 0, c, c] = 1 for c < cin, all else 0', async () => {
    const values = (await getWeights(model)).get('stage3/block0/projection/weights') ?? new Float32Array();
    expect(model.nonTrainable.get('stage3/block0/projection/weights')?.shape).toEqual([1, 1, 32, 64]);
    const ones = [...values.keys()].filter((i) => values[i] !== 0);
    expect(ones).toEqual(Array.from({ length: 32 }, (_, c) => c * 64 + c));
    expect(ones.every((i) => values[i] === 1)).toBe(true);
  });

  it('projects with the fixed weights by copying channel c of every other pixel to channel c', () => {
    const seed = testSeed('projection mapping');
    const x = tf.randomNormal([2, 16, 16, 32], 0, 1, 'float32', seed) as import('@tensorflow/tfjs').Tensor4D;
    const projection = model.nonTrainable.get('stage3/block0/projection/weights') as import('@tensorflow/tfjs').Tensor4D;
    const [projected, input] = tf.tidy(() => [tf.conv2d(x, projection, 2, 0).arraySync(), x.arraySync()]);
    for (const [n, y, col, c] of [[0, 0, 0, 0], [1, 3, 5, 31], [0, 7, 2, 12]] as const) {
      expect(projected[n]?.[y]?.[col]?.[c]).toBeCloseTo(input[n]?.[2 * y]?.[2 * col]?.[c] ?? NaN, 5);
      expect(projected[n]?.[y]?.[col]?.[32 + c]).toBe(0);
    }
    x.dispose();
  });

  it('runs ResNet-20 forward on wasm: logits [batch, 10], no tensor left behind', () => {
    const seed = testSeed('resnet20 forward');
    const { images, labels } = randomBatch(3, [32, 32, 3], 10, seed);
    const before = tf.memory().numTensors;
    const logits = model.predict(images);
    expect(logits.shape).toEqual([3, 10]);
    logits.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([images, labels]);
  });

  it('rejects images of the wrong size with the expected shape', () => {
    const tiny = tinyGraph();
    const small = compile(tiny, tf, { seed: 1 });
    const images = tf.ones([2, 32, 32, 3]) as import('@tensorflow/tfjs').Tensor4D;
    expect(() => small.predict(images)).toThrow('resnet8: expected images [batch, 8, 8, 3], got [2, 32, 32, 3]');
    tf.dispose(images);
    small.dispose();
  });
});
