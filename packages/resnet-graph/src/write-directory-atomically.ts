import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const writeDurably = async (path: string, data: Uint8Array | string): Promise<void> => {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

// A rename is only durable once the directory that holds the entry is flushed too.
const syncDirectory = async (path: string): Promise<void> => {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

const exists = async (path: string): Promise<boolean> => (await stat(path).catch(() => undefined)) !== undefined;

/**
 * Writes `files` into a sibling temporary directory, fsyncs them, then renames it to `dir`. A reader
 * sees the old directory or the new one, never a half-written one. An existing `dir` is moved aside
 * first and removed after the swap (Linux cannot rename over a non-empty directory).
 */
export const writeDirectoryAtomically = async (dir: string, files: ReadonlyArray<readonly [string, Uint8Array | string]>): Promise<void> => {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const temporary = join(parent, `.${basename(dir)}.tmp-${randomUUID()}`);
  await mkdir(temporary);
  try {
    for (const [name, data] of files) await writeDurably(join(temporary, name), data);
    await syncDirectory(temporary);
    const previous = (await exists(dir)) ? join(parent, `.${basename(dir)}.old-${randomUUID()}`) : undefined;
    if (previous !== undefined) await rename(dir, previous);
    await rename(temporary, dir);
    await syncDirectory(parent);
    if (previous !== undefined) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
};
