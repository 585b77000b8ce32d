import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { lastValueFrom, toArray } from 'rxjs';
import { mkdtempSync, rmSync } from 'node:fs';
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

const run = (s: Session, path: string, shouldStop: () => boolean = () => false): Promise<TrainEvent[]> =>
  lastValueFrom(
    train({
      tf, model: s.model, sgd: s.sgd, schedule: s.schedule, train: data, validation,
      settings: { ...config, workers: 0, classes: 10 },
      start: s.start,
      checkpoint: checkpointer(path, s, config),
      memory,
      shouldStop,
      now: () => performance.now(),
    }).pipe(toArray()),
  );

describe('train (the loop every app runs)', () => {
  it('stopped mid-epoch, checkpointed and resumed, ends with bit-identical weights and velocities', async () => {
    const whole = session();
    const tensorsBefore = tf.memory().numTensors;
    const events = await run(whole, join(dir, 'whole.ckpt'));
    expect(tf.memory().numTensors).toBe(tensorsBefore); // the loop leaks no tensor
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('run-finished');

    const first = session();
    let asked = 0;
    // asked once per step: true after the 6th step, i.e. step 1 of epoch 1
    const stopped = await run(first, join(dir, 'split.ckpt'), () => (asked += 1) > 5);
    expect(stopped.some((e) => e.type === 'run-finished')).toBe(false);
    const saved = await readCheckpoint(join(dir, 'split.ckpt'))();
    if (E.isLeft(saved)) throw new Error(saved.left);
    expect({ epoch: saved.right.meta.epoch, step: saved.right.meta.stepInEpoch }).toEqual({ epoch: 1, step: 1 });

    const resumed = session(saved.right);
    expect(resumed.start satisfies StartPosition).toMatchObject({ epoch: 1, stepInEpoch: 1 });
    await run(resumed, join(dir, 'split.ckpt'));
    const expected = await getWeights(whole.model);
    const actual = await getWeights(resumed.model);
    for (const [name, values] of expected) expect(Buffer.from(actual.get(name)?.buffer ?? new ArrayBuffer(0)), name).toEqual(Buffer.from(values.buffer));
    const velocities = (await resumed.sgd.getState()).velocities;
    for (const [name, v] of Object.entries((await whole.sgd.getState()).velocities)) {
      expect(Buffer.from(velocities[name]?.values.buffer ?? new ArrayBuffer(0)), name).toEqual(Buffer.from(v.values.buffer));
    }
    [whole, first, resumed].forEach((s) => s.dispose());
  });
});
