import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CIFAR_DIR = resolve(REPO_ROOT, '../shared/data/cifar10');
// Resolved here, so that an app run from another working folder still finds tsx.
const TSX = import.meta.resolve('tsx');

export interface AppResult {
  readonly code: number | null;
  /** The signal that ended the process, where one did (npm exec ends by the signal it got). */
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` with `args` from the repository root (or `cwd`), collecting its output; `detached`
 * gives it a process group of its own, as a shell gives a job, and `onStart` receives its pid.
 */
export const runCommand = (
  command: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly detached?: boolean; readonly onStart?: (pid: number) => void } = {},
): Promise<AppResult> =>
  new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, detached: options.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    if (child.pid !== undefined) options.onStart?.(child.pid);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });

/** Runs an app's main.ts as users do (a fresh Node process through tsx), from the repository root. */
export const runApp = (app: 'train-app' | 'eval-app' | 'finetune-app', args: readonly string[], options: { readonly cwd?: string } = {}): Promise<AppResult> =>
  runCommand(process.execPath, ['--import', TSX, resolve(REPO_ROOT, `apps/${app}/src/main.ts`), ...args], options);

/** Steps of `epoch` logged so far in a run's events.jsonl (every event is appended as it happens). */
export const stepsLogged = (eventsFile: string, epoch: number): number =>
  existsSync(eventsFile) ? readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l.includes('"type":"step"') && l.includes(`"epoch":${epoch},`)).length : 0;

/**
 * Resolves once no process of group `pgid` is left. A launcher may end before the processes it
 * started (nx without a terminal exits once it has signalled them), and they still write.
 */
export const groupEnded = async (pgid: number, timeoutMs = 120_000): Promise<void> => {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 100))) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`processes of group ${pgid} still run after ${timeoutMs} ms`);
};
