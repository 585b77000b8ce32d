import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRepository } from '@resnet-cifar/dataset-writer';
import { readCheckpoint } from '@resnet-cifar/trainer';
import { CIFAR_DIR, groupEnded, runApp, runCommand, stepsLogged, type AppResult } from './test-support/run-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-app-ctrl-c-'));
const dataDir = join(dir, 'records');
// 64 short steps in one epoch: a Ctrl-C after the 4th lands well inside it.
const run = ['--depth=1', '--epochs=1', '--train-records=512', '--val-records=64', '--batch-size=8', '--backend=wasm', '--workers=0', `--data-dir=${dataDir}`];

beforeAll(async () => {
  const written = await writeRepository(CIFAR_DIR, dataDir)();
  if (E.isLeft(written)) throw new Error(written.left);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts a launcher as a shell starts a job (a process group of its own), sends the group SIGINT,
 * as Ctrl-C does, once 4 steps are logged, and waits for every process of the job to end.
 */
const interrupted = async (command: string, args: readonly string[], output: string): Promise<AppResult> => {
  let poll: NodeJS.Timeout | undefined;
  let group = 0;
  const result = await runCommand(command, args, {
    detached: true,
    onStart: (pid) => {
      group = pid;
      poll = setInterval(() => {
        if (stepsLogged(join(output, 'events.jsonl'), 0) < 4) return;
        clearInterval(poll);
        process.kill(-pid, 'SIGINT');
      }, 20);
    },
  }).finally(() => clearInterval(poll));
  await groupEnded(group);
  return result;
};

const midEpochCheckpoint = async (output: string) => {
  const checkpoint = await readCheckpoint(join(output, 'checkpoint.ckpt'))();
  if (E.isLeft(checkpoint)) throw new Error(checkpoint.left);
  return checkpoint.right.meta;
};

// npm exec (npx) waits for its child, then ends by the signal it got: the 130 a shell reports.
const endedLikeCtrlC = (result: AppResult) => result.code === 130 || result.signal === 'SIGINT';

describe('Ctrl-C as a terminal sends it (SIGINT to the whole process group), through the launchers README names', () => {
  it('npx tsx: one line, a mid-epoch checkpoint, exit 130; --resume alone then ends with the bytes of an uninterrupted run', async () => {
    const output = join(dir, 'tsx');
    const stopped = await interrupted('npx', ['tsx', 'apps/train-app/src/main.ts', ...run, `--output-dir=${output}`], output);
    expect(endedLikeCtrlC(stopped), `${stopped.code} ${stopped.signal} ${stopped.stderr}`).toBe(true);
    expect(stopped.stderr.split('\n').filter((l) => l.includes('stopping after the current step'))).toEqual([
      'SIGINT: stopping after the current step and writing a checkpoint (Ctrl-C again to quit at once)',
    ]);
    expect(stopped.stdout).toMatch(/stopped \(SIGINT\) at epoch 0, step \d+ of 64: checkpoint .*checkpoint\.ckpt; continue with --resume\n$/);
    const meta = await midEpochCheckpoint(output);
    expect(meta.epoch).toBe(0);
    expect(meta.stepInEpoch).toBeGreaterThan(0);

    // No option repeated: the stored settings (data folder included) are taken and printed.
    const resumed = await runApp('train-app', ['--resume', `--output-dir=${output}`]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`at epoch 0, step ${meta.stepInEpoch}, with its settings: --depth=1 --epochs=1 --batch-size=8`);
    expect(resumed.stderr).toContain(`--train-records=512 --val-records=64 --data-dir=${dataDir}`);
    const whole = join(dir, 'uninterrupted');
    const reference = await runApp('train-app', [...run, `--output-dir=${whole}`]);
    expect(reference.code, reference.stderr).toBe(0);
    expect(readFileSync(join(output, 'model/weights.bin')).equals(readFileSync(join(whole, 'model/weights.bin')))).toBe(true);
    expect(readFileSync(join(output, 'epochs.csv'), 'utf8').split('\n')).toHaveLength(3); // header, epoch 0, ''
  }, 300_000);

  it('npx nx run train-app:run: the run stops after its step with a mid-epoch checkpoint, and the launcher ends as Ctrl-C ends it', async () => {
    const output = join(dir, 'nx');
    const stopped = await interrupted('npx', ['nx', 'run', 'train-app:run', '--', ...run, `--output-dir=${output}`], output);
    expect(endedLikeCtrlC(stopped), `${stopped.code} ${stopped.signal} ${stopped.stderr}`).toBe(true);
    const meta = await midEpochCheckpoint(output);
    expect(meta.stepInEpoch).toBeGreaterThan(0);
    // nx silences its output once it has seen SIGINT, and without a terminal may end before the
    // trainer has written its checkpoint (interrupted() waits for it); the event log says what happened.
    const events = readFileSync(join(output, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; stepInEpoch?: number });
    expect(events.at(-1)).toMatchObject({ type: 'checkpoint', stepInEpoch: meta.stepInEpoch });
  }, 300_000);
});
