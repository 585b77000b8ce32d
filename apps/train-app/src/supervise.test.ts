import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './test-support/run-app.ts';

const TSX_CLI = join(REPO_ROOT, 'node_modules/.bin/tsx');
const SLOW_TRAINER = join(REPO_ROOT, 'apps/train-app/src/test-support/slow-trainer.ts');

interface Ended {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from the first signal to the exit. */
  readonly afterFirstSignal: number;
}

/**
 * Starts the stand-in trainer through the tsx CLI in a process group of its own, as a terminal
 * runs a job, waits until it trains, then sends `signals` (each to the group or to the tsx
 * process alone) at the given delays after that.
 */
const run = (stepMs: number, signals: ReadonlyArray<readonly [delayMs: number, signal: NodeJS.Signals, to: 'group' | 'pid']>): Promise<Ended> =>
  new Promise((done, fail) => {
    const child = spawn(TSX_CLI, [SLOW_TRAINER], { cwd: REPO_ROOT, detached: true, env: { ...process.env, STEP_MS: String(stepMs) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let firstAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (firstAt > 0 || !stdout.includes('ready')) return;
      firstAt = Date.now() + (signals[0]?.[0] ?? 0);
      for (const [delay, signal, to] of signals) setTimeout(() => process.kill(to === 'group' ? -(child.pid ?? 0) : (child.pid ?? 0), signal), delay);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, afterFirstSignal: Date.now() - firstAt }));
  });

const stopLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes('stopping after the current step'));

describe('Ctrl-C while a step blocks the event loop for seconds (the real supervisor, under the tsx CLI)', () => {
  it('one Ctrl-C to the group: one line at once, the step finishes, a checkpoint, exit 130; tsx does not kill it', async () => {
    const ended = await run(1500, [[300, 'SIGINT', 'group']]);
    expect(stopLines(ended.stderr)).toEqual(['SIGINT: stopping after the current step and writing a checkpoint (Ctrl-C again to quit at once)']);
    expect(ended.stdout.trim().split('\n').slice(-2)).toEqual([expect.stringMatching(/^step \d+$/), 'checkpoint (SIGINT)']);
    expect(ended.code).toBe(130);
  }, 30_000);

  it('the burst one Ctrl-C makes through nx (SIGINT, then SIGTERM to every process in the tree) is still one stop', async () => {
    const ended = await run(1500, [[200, 'SIGINT', 'group'], [350, 'SIGTERM', 'group'], [400, 'SIGTERM', 'pid'], [500, 'SIGTERM', 'group']]);
    expect(stopLines(ended.stderr)).toHaveLength(1);
    expect(ended.stdout).toContain('checkpoint (SIGINT)');
    expect(ended.code).toBe(130);
  }, 30_000);

  it('SIGTERM to the launcher alone stops the same way', async () => {
    const ended = await run(1000, [[200, 'SIGTERM', 'pid']]);
    expect(stopLines(ended.stderr)).toEqual(['SIGTERM: stopping after the current step and writing a checkpoint (Ctrl-C again to quit at once)']);
    expect(ended.stdout).toContain('checkpoint (SIGTERM)');
    expect(ended.code).toBe(130);
  }, 30_000);

  it('a second Ctrl-C a moment later ends it at once, in the middle of a long step, exit 130', async () => {
    const ended = await run(8000, [[200, 'SIGINT', 'group'], [1500, 'SIGINT', 'group']]);
    expect(ended.stderr).toContain('second Ctrl-C: quitting at once; the checkpoint written last is intact: continue with --resume');
    expect(ended.stdout).not.toContain('checkpoint');
    expect(ended.code).toBe(130);
    expect(ended.afterFirstSignal).toBeLessThan(4000); // the step alone would have taken 8 s
  }, 30_000);
});
