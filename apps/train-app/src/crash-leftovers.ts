import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { processIsAlive } from '@resnet-cifar/cli-options';

/**
 * Temporary files the run's writers make beside their targets, each with its writer's pid: the
 * checkpoint's (trainer), the plots' (metrics' writeFileAtomic), the model's (resnet-graph). A crash
 * leaves them behind; `old` is the earlier model set aside during a swap, still needed if the new
 * one never arrived.
 */
const TEMPORARIES: ReadonlyArray<{ readonly pattern: RegExp; readonly old?: true }> = [
  { pattern: /^checkpoint\.ckpt\.tmp-(\d+)$/ },
  { pattern: /^\..+\.(\d+)\.tmp$/ },
  { pattern: /^\..+\.tmp-(\d+)(-[0-9a-f]{8})?$/ },
  { pattern: /^\.(.+)\.old-(\d+)-[0-9a-f]{8}$/, old: true },
];

const staleIn = (dir: string, name: string): boolean =>
  TEMPORARIES.some(({ pattern, old }) => {
    const match = pattern.exec(name);
    if (!match) return false;
    const pid = Number(old ? match[2] : match[1]);
    return pid !== process.pid && !processIsAlive(pid) && (!old || existsSync(join(dir, match[1] ?? '')));
  });

/**
 * Removes what crashed runs of this project left in `dir`: only its own temporaries (whose names
 * start with `prefix`, where the folder is not the run's own), only of writers that are gone.
 */
export const removeCrashLeftovers = (dir: string, log: (line: string) => void, prefix = ''): void => {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((n) => n.startsWith(prefix) && staleIn(dir, n))) {
    rmSync(join(dir, name), { recursive: true, force: true });
    log(`removed ${join(dir, name)}, left by a run that crashed while writing it`);
  }
};

/** The length of each log in `dir`, by file name, as a checkpoint records it. */
export const logBytes = (dir: string, names: readonly string[]): Record<string, number> =>
  Object.fromEntries(names.map((name) => [name, existsSync(join(dir, name)) ? statSync(join(dir, name)).size : 0]));

/**
 * Cuts each log back to its length when the checkpoint was written: the lines after it belong to
 * work this resume does again (an epoch logged just before a crash would otherwise appear twice).
 * Only dropped epoch rows are worth a line: after a Ctrl-C the event log just loses its last
 * checkpoint event.
 */
export const cutLogsBack = (dir: string, names: readonly string[], recorded: Record<string, number>, log: (line: string) => void): void => {
  for (const name of names) {
    const path = join(dir, name);
    const bytes = recorded[name];
    if (bytes === undefined || !existsSync(path) || statSync(path).size <= bytes) continue;
    const rows = readFileSync(path).subarray(bytes).toString('utf8').split('\n').filter((line) => line.trim() !== '').length;
    if (name.endsWith('.csv')) log(`${path}: dropping ${rows} row(s) logged after the checkpoint, for epochs this run trains again`);
    truncateSync(path, bytes);
  }
};
