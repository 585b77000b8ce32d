import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { lastValueFrom, toArray } from 'rxjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initBackend, releaseBackend } from '@resnet-cifar/backend';
import { describeOnWebGpu } from '@resnet-cifar/backend/test-support';
import { epochBatchIterator, toTensors } from '@resnet-cifar/loader';
import { getWeights, loadModel, saveModel, type ResnetModel } from '@resnet-cifar/resnet-graph';
import { checkpointer } from './checkpointer.ts';
import { readCheckpoint } from './checkpoint.ts';
import { evaluateSplit } from './evaluate.ts';
import { neonDefaults, type RunConfig } from './pure/run-config.ts';
import { createSession, type Session } from './session.ts';
import { cifarSample } from './test-support/cifar-sample.ts';
import { train } from './train.ts';

// ResNet-8 at its real widths on real CIFAR-10, but few and small batches: the software adapter
// takes seconds per step of 8 images.
const config: RunConfig = { ...neonDefaults, depth: 1, epochs: 2, batchSize: 8, seed: 5, evalFreq: 0 };
const data = cifarSample(16); // 2 steps per epoch
const test = cifarSample(48, 'test_batch.bin');
const dir = mkdtempSync(join(tmpdir(), 'webgpu-'));

const session = (checkpoint?: Parameters<typeof createSession>[2]): Session =>
  E.getOrElseW((m: string) => { throw new Error(m); })(createSession(tf, config, checkpoint));

/** The first `steps` training steps (epochs of 2 steps, reshuffled each), the loss of each read back. */
const losses = async (s: Session, steps: number): Promise<number[]> => {
  const seen: number[] = [];
  for (let epoch = 0; seen.length < steps; epoch += 1) {
    const options = { seed: config.seed, epoch, mode: 'train', batchSize: 8, lastBatch: 'wrap', padding: 'mean', shuffle: true, prefetch: 1, workers: 0 } as const;
    for await (const batch of epochBatchIterator(data, options)) {
      if (seen.length === steps) break;
      const { images, labels } = toTensors(tf, batch);
      const { loss, logits, grads } = s.model.lossAndGradients(images, labels);
      s.sgd.apply(grads, 0.1);
      seen.push((await loss.data())[0] ?? NaN);
      tf.dispose([images, labels, loss, logits, ...grads.values()]);
    }
  }
  return seen;
};

const evaluated = (model: ResnetModel) => evaluateSplit(tf, model, test, { batchSize: 16, classes: 10, flip: false });

const loaded = async (path: string): Promise<ResnetModel> =>
  E.getOrElseW((m: string) => { throw new Error(m); })(await loadModel(path, tf)());

const trainRun = (s: Session, path: string, shouldStop: () => boolean = () => false) =>
  lastValueFrom(
    train({
      tf, model: s.model, sgd: s.sgd, schedule: s.schedule, train: data, settings: { ...config, workers: 0, classes: 10 }, start: s.start,
      checkpoint: checkpointer(path, s, config), memory: async () => ({ tfjsTensors: 0, tfjsBytes: 0, rssBytes: 0 }) as never,
      shouldStop, now: () => performance.now(),
    }).pipe(toArray()),
  );

describeOnWebGpu('the pipeline on webgpu (software adapter here)', () => {
  beforeAll(async () => {
    expect(E.isRight(await initBackend(tf, 'wasm'))).toBe(true);
    expect(E.isRight(await initBackend(tf, 'webgpu'))).toBe(true);
  });
  afterAll(() => {
    releaseBackend();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trains ResNet-8 for 3 steps from the same weights and batches as wasm, losses within 1e-3 relative; its saved model scores the same on both', async () => {
    const tensors = tf.memory().numTensors;
    await tf.setBackend('wasm');
    const onWasm = session();
    const wasmLosses = await losses(onWasm, 3);
    await tf.setBackend('webgpu');
    const onGpu = session();
    const gpuLosses = await losses(onGpu, 3);
    console.info(`losses wasm ${wasmLosses.join(', ')}; webgpu ${gpuLosses.join(', ')}`);
    gpuLosses.forEach((loss, i) => expect(Math.abs(loss - (wasmLosses[i] ?? NaN)) / Math.abs(wasmLosses[i] ?? NaN), `step ${i}`).toBeLessThan(1e-3));

    expect(E.isRight(await saveModel(join(dir, 'model'), onGpu.model)())).toBe(true);
    const gpuScore = await evaluated(onGpu.model);
    [onWasm, onGpu].forEach((s) => s.dispose());
    expect(tf.memory().numTensors).toBe(tensors); // neither session leaves a tensor behind
    await tf.setBackend('wasm');
    const reloaded = await loaded(join(dir, 'model'));
    const wasmScore = await evaluated(reloaded);
    reloaded.dispose();
    expect(wasmScore.count).toBe(48);
    expect(wasmScore.error).toBe(gpuScore.error);
    expect(Math.abs(wasmScore.loss - gpuScore.loss) / wasmScore.loss).toBeLessThan(1e-4);
  }, 300_000);

  it('stopped mid-epoch and resumed on webgpu, ends within 1e-5 of the straight run', async () => {
    await tf.setBackend('webgpu');
    const whole = session();
    await trainRun(whole, join(dir, 'whole.ckpt'));
    const first = session();
    let asked = 0;
    await trainRun(first, join(dir, 'split.ckpt'), () => (asked += 1) > 3); // asked per epoch and step: stops after step 0 of epoch 1
    const saved = E.getOrElseW((m: string) => { throw new Error(m); })(await readCheckpoint(join(dir, 'split.ckpt'))());
    expect({ epoch: saved.meta.epoch, step: saved.meta.stepInEpoch }).toEqual({ epoch: 1, step: 1 });
    const resumed = session(saved);
    await trainRun(resumed, join(dir, 'split.ckpt'));
    const [expected, actual] = [await getWeights(whole.model), await getWeights(resumed.model)];
    let [worst, identical] = [0, true];
    for (const [name, values] of expected) {
      const other = actual.get(name) ?? new Float32Array();
      const scale = Math.max(1e-6, ...values.map(Math.abs));
      values.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - (other[i] ?? NaN)) / scale);
        identical &&= Object.is(v, other[i]);
      });
    }
    console.info(`resumed vs straight on webgpu: largest difference ${worst.toExponential(2)} of a parameter's scale; bit-identical: ${identical}`);
    expect(worst).toBeLessThan(1e-5);
    [whole, first, resumed].forEach((s) => s.dispose());
  }, 300_000);
});
