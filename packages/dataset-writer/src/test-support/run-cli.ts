import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const realData = resolve(repoRoot, '../shared/data/cifar10');
// `node --import tsx` keeps the CLI in one process: the tsx launcher would relay signals to a
// child (and SIGKILL it when busy), which is not what a signal test should measure.
const node = process.execPath;
export const cliPath = resolve(repoRoot, 'packages/dataset-writer/src/cli.ts');

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `command args` and collects its output; `done` resolves when it exits. */
export const start = (command: string, args: ReadonlyArray<string>): { child: ChildProcess; done: Promise<CliRun> } => {
  // Its own process group, so a test can signal it like a terminal signals the foreground job.
  const child = spawn(command, [...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolveRun) =>
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr })),
  );
  return { child, done };
};

/** The CLI as a user runs it (through tsx), in a process of its own. */
export const startCli = (args: ReadonlyArray<string>) => start(node, ['--import', 'tsx', cliPath, ...args]);
export const runCli = (args: ReadonlyArray<string>): Promise<CliRun> => startCli(args).done;

export const tsxCommand = (args: ReadonlyArray<string>): string =>
  [node, '--import', 'tsx', cliPath, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');

/** Sends `signal` to the whole process group of `child`, as Ctrl-C in a terminal does. */
export const signalGroup = (child: ChildProcess, signal: NodeJS.Signals): boolean => {
  try {
    process.kill(-(child.pid ?? 0), signal);
    return true;
  } catch {
    return false;
  }
};

