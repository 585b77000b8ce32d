import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@resnet-cifar/backend';
import { getWeights } from '@resnet-cifar/resnet-graph';
import type { TrainEvent } from '@resnet-cifar/metrics';
import { checkpointer } from './checkpointer.ts';
import { readCheckpoint } from './checkpoint.ts';
import { neonDefaults, type RunConfig } from './pure/run-config.ts';
import { createSession, type Session } from './session.ts';
import { cifarSample } from './test-support/cifar-sample.ts';
import { TrainingDiverged } from './divergence.ts';
import { train, type StartPosition } from './train.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-'));
const config: RunConfig = { ...neonDefaults, depth: 1, epochs: 2, batchSize: 16, seed: 11 };
const data = cifarSample(64); // 4 steps per epoch
const validation = cifarSample(32, 'test_batch.bin');

beforeAll(async () => {
  const backend = await initBackend(tf, 'wasm');
  expect(E.isRight(backend)).toBe(true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const session = (checkpoint?: Parameters<typeof createSession>[2]): Session =>
  E.getOrElseW((m: string) => { throw new Error(m); })(createSession(tf, config, checkpoint));

const memory = async () => ({ tfjsTensors: tf.memory().numTensors, tfjsBytes: tf.memory().numBytes, rssBytes: 0 }) as never;

/** Runs the loop; `stopWhen` sees every event so far and asks for a stop (as Ctrl-C would). */
const run = (s: Session, path: string, stopWhen: (seen: readonly TrainEvent[]) => boolean = () => false, schedule = s.schedule): Promise<TrainEvent[]> => {
  const seen: TrainEvent[] = [];
  return lastValueFrom(
    train({
      tf, model: s.model, sgd: s.sgd, schedule, train: data, validation,
      settings: { ...config, workers: 0, classes: 10 },
      start: s.start,
      checkpoint: checkpointer(path, s, config),
      memory,
      shouldStop: () => stopWhen(seen),
      now: () => performance.now(),
    }).pipe(tap((e) => seen.push(e)), toArray()),
  );
};

const steps = (seen: readonly TrainEvent[]) => seen.filter((e) => e.type === 'step').length;
const sameBytes = (a: Float32Array | undefined, b: Float32Array | undefined) => Buffer.from(a?.buffer ?? new ArrayBuffer(0)).equals(Buffer.from(b?.buffer ?? new ArrayBuffer(1)));
const withoutTimes = (e: TrainEvent) => (e.type === 'epoch' ? { ...e, seconds: 0, imagesPerSecond: 0, memory: 0 } : e);

describe('train (the loop every app runs)', () => {
  it('stopped mid-epoch, checkpointed and resumed, ends with bit-identical weights and velocities', async () => {
    const whole = session();
    const tensorsBefore = tf.memory().numTensors;
    const events = await run(whole, join(dir, 'whole.ckpt'));
    expect(tf.memory().numTensors).toBe(tensorsBefore); // the loop leaks no tensor
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('run-finished');

    const first = session();
    // 4 steps per epoch: a stop after the 6th step is one after step 1 of epoch 1
    const stopped = await run(first, join(dir, 'split.ckpt'), (seen) => steps(seen) >= 6);
    expect(stopped.some((e) => e.type === 'run-finished')).toBe(false);
    const saved = await readCheckpoint(join(dir, 'split.ckpt'))();
    if (E.isLeft(saved)) throw new Error(saved.left);
    expect({ epoch: saved.right.meta.epoch, step: saved.right.meta.stepInEpoch }).toEqual({ epoch: 1, step: 2 });

    const resumed = session(saved.right);
    expect(resumed.start satisfies StartPosition).toMatchObject({ epoch: 1, stepInEpoch: 2 });
    const rest = await run(resumed, join(dir, 'split.ckpt'));
    // The interrupted epoch's row is the uninterrupted one: its sums travelled in the checkpoint.
    expect(rest.filter((e) => e.type === 'epoch').map(withoutTimes)).toEqual(events.filter((e) => e.type === 'epoch' && e.epoch === 1).map(withoutTimes));
    const expected = await getWeights(whole.model);
    const actual = await getWeights(resumed.model);
    for (const [name, values] of expected) expect(Buffer.from(actual.get(name)?.buffer ?? new ArrayBuffer(0)), name).toEqual(Buffer.from(values.buffer));
    const velocities = (await resumed.sgd.getState()).velocities;
    for (const [name, v] of Object.entries((await whole.sgd.getState()).velocities)) {
      expect(Buffer.from(velocities[name]?.values.buffer ?? new ArrayBuffer(0)), name).toEqual(Buffer.from(v.values.buffer));
    }
    [whole, first, resumed].forEach((s) => s.dispose());
  });

  it('stopped during a validation, checkpoints the whole epoch as trained, and the resume only validates it', async () => {
    const whole = session();
    const expected = (await run(whole, join(dir, 'whole-v.ckpt'))).filter((e) => e.type === 'epoch');
    const first = session();
    // validation asks after each of its batches; steps(seen) === 4 only between epoch 0's last step and its row
    await run(first, join(dir, 'in-validation.ckpt'), (seen) => steps(seen) === 4 && !seen.some((e) => e.type === 'epoch'));
    const saved = await readCheckpoint(join(dir, 'in-validation.ckpt'))();
    if (E.isLeft(saved)) throw new Error(saved.left);
    expect(saved.right.meta).toMatchObject({ epoch: 0, stepInEpoch: 4, epochSoFar: { count: 64 } });
    const resumed = session(saved.right);
    const rest = await run(resumed, join(dir, 'in-validation.ckpt'));
    expect(rest.filter((e) => e.type === 'step' && e.epoch === 0)).toEqual([]); // nothing of epoch 0 trained again
    expect(rest.filter((e) => e.type === 'epoch').map(withoutTimes)).toEqual(expected.map(withoutTimes));
    const resumedWeights = await getWeights(resumed.model);
    for (const [name, values] of await getWeights(whole.model)) expect(sameBytes(resumedWeights.get(name), values), name).toBe(true);
    [whole, first, resumed].forEach((s) => s.dispose());
  });

  it('a loss gone NaN ends the run at once with TrainingDiverged naming the step, and writes no checkpoint after it', async () => {
    const path = join(dir, 'diverged.ckpt');
    const s = session();
    const good = await run(s, path, (seen) => seen.some((e) => e.type === 'checkpoint')); // one good epoch
    expect(good.filter((e) => e.type === 'epoch')).toHaveLength(1);
    const before = readFileSync(path);
    const saved = await readCheckpoint(path)();
    if (E.isLeft(saved)) throw new Error(saved.left);
    const resumed = session(saved.right);
    const tensors = tf.memory().numTensors;
    const failed: TrainEvent[] = [];
    const explode = (epoch: number) => (epoch >= 1 ? 1e30 : 0.1);
    const outcome = await lastValueFrom(
      train({
        tf, model: resumed.model, sgd: resumed.sgd, schedule: explode, train: data, validation,
        settings: { ...config, epochs: 3, workers: 0, classes: 10 }, start: resumed.start,
        checkpoint: checkpointer(path, resumed, config), memory, shouldStop: () => false, now: () => performance.now(),
      }).pipe(tap((e) => failed.push(e)), toArray()),
    ).then(() => undefined, (error: unknown) => error);
    expect(outcome).toBeInstanceOf(TrainingDiverged);
    expect(String((outcome as Error).message)).toMatch(/^the training loss became NaN or infinite at epoch 1, step \d \(learning rate 1e\+30\): the learning rate is most likely too high/);
    expect(failed.at(-1)).toEqual({ type: 'run-failed', message: (outcome as Error).message });
    expect(failed.some((e) => e.type === 'epoch' || e.type === 'checkpoint')).toBe(false);
    expect(readFileSync(path).equals(before)).toBe(true); // the last good checkpoint is untouched
    expect(tf.memory().numTensors).toBe(tensors);
    [s, resumed].forEach((x) => x.dispose());
  });
});
