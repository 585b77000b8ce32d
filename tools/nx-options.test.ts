import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The README's commands as users type them: `npx nx run <app>:run --option=value`, no `--`.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'nx-options-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const nothing = join(work, 'nothing');

const nx = (args: readonly string[], wrap?: (command: string) => readonly string[]) => {
  const command = [resolve(root, 'node_modules/.bin/nx'), 'run', ...args];
  const [file, ...rest] = wrap ? wrap(command.join(' ')) : command;
  const run = spawnSync(file ?? '', rest, { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NX_TUI: 'false' } });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
};
const settings = (output: string, app: string): string => output.split('\n').find((line) => line.startsWith(`${app} runs with `)) ?? `no settings line in:\n${output}`;

describe('every app option reaches the app through nx run, though Nx keeps --batch-size and --parallel for itself', () => {
  it('train-app runs with --batch-size=64 and --recompute=blocks, and says so on its first line', () => {
    const run = nx(['train-app:run', '--depth=1', '--batch-size=64', '--recompute=blocks', `--data-dir=${nothing}`, `--source=${nothing}`, `--output-dir=${join(work, 'out')}`]);
    expect(run.code, run.output).not.toBe(0); // no such data: it stops after the settings line
    expect(settings(run.output, 'train-app')).toMatch(/ --depth=1 \(ResNet-8\) --batch-size=64 --epochs=180 .* --recompute=blocks .* --backend=auto \(\w+\) --wasm-threads=\d+ /);
  });

  it.each([
    ['eval-app', [`--model-file=${nothing}`]],
    ['finetune-app', [`--model-file=${nothing}`, `--save-path=${join(work, 'ft')}`]],
  ])('%s runs with the --batch-size given', (app, required) => {
    const run = nx([`${app}:run`, '--batch-size=32', ...required]);
    expect(run.code, run.output).toBe(1); // no such model: it stops after the settings line
    expect(settings(run.output, app)).toContain(' --batch-size=32 ');
  });

  it('benchmark-app runs with --parallel and --batch-size, through `nx run benchmark-app` too', () => {
    const run = nx(['benchmark-app', '--depths=1', '--parallel', '--batch-size=8', `--data-dir=${nothing}`, `--source=${nothing}`]);
    expect(run.code, run.output).toBe(1);
    expect(settings(run.output, 'benchmark-app')).toMatch(/^benchmark-app runs with --depths=1 --batch-size=8 .* --parallel=true /);
  });

  it('benchmark-app refuses --depths 201 at once, in one line, as its children would', () => {
    const run = nx(['benchmark-app:run', '--depths', '201']);
    expect(run.code).toBe(1); // Nx's own exit code for a failed task
    expect(run.output).toContain("benchmark-app: invalid --depths '201': expected a comma-separated list of integers in 1..200");
    expect(run.output).not.toContain('runs with');
  });

  // Nx answers --help with its executor's options, then runs `<command> --help`, and shows the
  // latter only on a terminal: `script` gives it one.
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('--help ends with the app\'s own options', () => {
    const run = nx(['train-app:run', '--help'], (command) => ['script', '-qec', command, '/dev/null']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('usage: npx nx run train-app:run [options]');
    expect(run.output).toMatch(/--batch-size +images per step; a positive integer \(default: 128\)/);
    expect(run.output).toMatch(/--recompute +blocks: keep each residual block's input only .*one of none, blocks \(default: none\)/s);
  });
});
