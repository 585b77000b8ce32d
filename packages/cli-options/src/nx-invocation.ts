import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { NxInvocation } from './pure/nx-kept-options.ts';

/** How to read another process's parent and arguments. */
export interface ProcessTable {
  readonly parent: (pid: number) => number;
  readonly argv: (pid: number) => readonly string[];
}

/** Linux: exact arguments, NUL-separated. */
export const procfs: ProcessTable = {
  // The command name in field 2 may hold spaces and parentheses; the fields after its last ')' do not.
  parent: (pid) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]),
  argv: (pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1),
};

/** macOS and other Unixes: `ps`, whose argument list is joined by spaces (options rarely hold one). */
export const ps: ProcessTable = {
  parent: (pid) => Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim()),
  argv: (pid) => execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/),
};

const NX_BIN = /(^|[\\/])nx(\.js)?$/;

/**
 * When this process runs as an Nx task, the Nx command line that started it: the nearest
 * ancestor (a few levels up: a shell, tsx) whose arguments run Nx's bin. Undefined outside Nx,
 * or where no process table can be read (Windows): then nothing is recovered.
 */
export const nxInvocation = (
  env: Readonly<Record<string, string | undefined>> = process.env,
  table: ProcessTable = process.platform === 'linux' ? procfs : ps,
  start: number = process.ppid,
): NxInvocation | undefined => {
  const [project, target] = [env['NX_TASK_TARGET_PROJECT'], env['NX_TASK_TARGET_TARGET']];
  if (!project || !target || process.platform === 'win32') return undefined;
  try {
    for (let pid = start, level = 0; pid > 1 && level < 8; pid = table.parent(pid), level += 1) {
      const argv = table.argv(pid);
      const at = argv.findIndex((arg) => NX_BIN.test(arg));
      if (at >= 0) return { args: argv.slice(at + 1), task: `${project}:${target}` };
    }
  } catch {
    // An ancestor that ended meanwhile, or no process table: nothing to recover.
  }
  return undefined;
};
