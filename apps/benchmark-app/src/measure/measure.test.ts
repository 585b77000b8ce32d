import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendReport } from '@resnet-cifar/backend';
import { parseOptions } from '@resnet-cifar/cli-options';
import type { Split } from '@resnet-cifar/loader';
import { createSession, neonDefaults, type Session } from '@resnet-cifar/trainer';
import { depthOptionSpec } from '../depth-options.ts';
import { firstBatch } from './first-batch.ts';
import { measureDepth } from './measure-depth-run.ts';
import { bareLoop } from './time-bare-loop.ts';
import { timeForward } from './time-forward.ts';
import { timePipeline } from './time-pipeline.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

const BATCH = 8;

const randomSplit = (count: number): Split => {
  const next = seededRandom(testSeed('measure split'));
  const images = Uint8Array.from({ length: count * 3072 }, () => Math.floor(next() * 256));
  const labels = Uint8Array.from({ length: count }, () => Math.floor(next() * 10));
  return { images, labels, count, mean: [120 + next(), 121, 110] };
};

const session = (): Session => {
  const created = createSession(tf, { ...neonDefaults, depth: 1, batchSize: BATCH });
  if (E.isLeft(created)) throw new Error(created.left);
  return created.right;
};

describe('timing one depth (ResNet-8, batch 8, wasm)', () => {
  let report: BackendReport;
  beforeAll(async () => {
    const backend = await initBackend(tf, 'wasm');
    if (E.isLeft(backend)) throw new Error(backend.left);
    report = backend.right;
  });

  it('times the train loop: one time per warm-up and per timed step, and leaves no tensor behind', async () => {
    const s = session();
    const before = tf.memory().numTensors;
    const window = await timePipeline(tf, s, randomSplit(40), { batchSize: BATCH, warmup: 1, steps: 3, seed: 7, workers: 0, syncEachStep: false });
    expect(tf.memory().numTensors).toBe(before);
    expect(window.warmupSeconds).toHaveLength(1);
    expect(window.stepSeconds).toHaveLength(3);
    expect(window.stepSeconds.every((x) => x > 0 && x < 60)).toBe(true);
    s.dispose();
  });

  it('refuses a window longer than one epoch with a message saying so', async () => {
    const s = session();
    await expect(timePipeline(tf, s, randomSplit(16), { batchSize: BATCH, warmup: 1, steps: 2, seed: 1, workers: 0, syncEachStep: false })).rejects.toThrow(
      '--warmup + --steps must fit one epoch (2 steps of 8)',
    );
    s.dispose();
  });

  it('runs the bare loop between timed pipeline steps, outside their timing, and leaks nothing', async () => {
    const s = session();
    const { images, labels } = await firstBatch(tf, randomSplit(40), BATCH, 3);
    const before = tf.memory();
    const bare = bareLoop(tf, s, images, labels, 0.1);
    const bareSeconds: number[] = [];
    const gaps: number[] = [];
    const window = await timePipeline(tf, s, randomSplit(40), { batchSize: BATCH, warmup: 1, steps: 2, seed: 5, workers: 0, syncEachStep: false }, async (k) => {
      gaps.push(k);
      bareSeconds.push(await bare.step());
    });
    const forward = await timeForward(tf, s.model, images, 2);
    const peak = await bare.peakBytes();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(gaps).toEqual([0, 1]);
    expect(window.stepSeconds).toHaveLength(2);
    expect(bareSeconds.every((x) => x > 0)).toBe(true);
    expect(forward).toHaveLength(2);
    // A step holds activations and gradients on top of the model: its peak is above the resting bytes.
    expect(peak).toBeGreaterThan(before.numBytes);
    tf.dispose([images, labels]);
    s.dispose();
  });

  // n = 2: at n = 1 the peak is the first block's backward pass, which holds its activations either way.
  it('measures with --recompute=blocks: a lower step peak, and the result says so (none says nothing)', async () => {
    const measured = async (recompute: string) => {
      const argv = ['--depth=2', `--batch-size=${BATCH}`, '--warmup=0', '--steps=1', '--bare-steps=1', '--forward-steps=0', '--workers=0', `--recompute=${recompute}`];
      const parsed = parseOptions(depthOptionSpec, argv);
      if (E.isLeft(parsed) || parsed.right.help) throw new Error(`unexpected parse of ${argv.join(' ')}`);
      const result = await measureDepth(tf, parsed.right.options, report, { train: randomSplit(40), classNames: Array.from({ length: 10 }, (_, i) => `c${i}`) })();
      if (E.isLeft(result)) throw new Error(result.left);
      return result.right;
    };
    const [plain, recomputed] = [await measured('none'), await measured('blocks')];
    expect(plain.recompute).toBeUndefined();
    expect(recomputed.recompute).toBe('blocks');
    expect(recomputed.memory.peakTfjsBytes).toBeLessThan(plain.memory.peakTfjsBytes ?? 0);
  });
});
