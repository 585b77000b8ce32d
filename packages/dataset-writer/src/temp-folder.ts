import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processIsAlive } from '@resnet-cifar/cli-options';

/**
 * Names of the writer's work folders beside the target: `.NAME.tmp-PID-RANDOM` (being written)
 * and `.NAME.old-PID-RANDOM` (the previous repository while it is swapped out). Being beside the
 * target keeps the final rename on one file system, hence atomic.
 */
export const workFolder = (target: string, kind: 'tmp' | 'old'): string =>
  join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Removes work folders left by a writer that was killed (its pid is gone); returns their names. */
export const removeStaleWorkFolders = async (target: string): Promise<ReadonlyArray<string>> => {
  const prefix = `.${basename(target)}.`;
  const pattern = /^(tmp|old)-(\d+)-[0-9a-f]{8}$/;
  const entries = await readdir(dirname(target)).catch(() => [] as string[]);
  const stale = entries.filter((entry) => {
    const match = entry.startsWith(prefix) ? pattern.exec(entry.slice(prefix.length)) : null;
    return match !== null && !processIsAlive(Number(match[2]));
  });
  await Promise.all(stale.map((entry) => rm(join(dirname(target), entry), { recursive: true, force: true })));
  return stale;
};
