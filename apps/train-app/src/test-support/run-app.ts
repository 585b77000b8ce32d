import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CIFAR_DIR = resolve(REPO_ROOT, '../shared/data/cifar10');

export interface AppResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an app's main.ts as users do (a fresh Node process through tsx), from the repository root. */
export const runApp = (app: 'train-app' | 'eval-app' | 'finetune-app', args: readonly string[]): Promise<AppResult> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `apps/${app}/src/main.ts`, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
