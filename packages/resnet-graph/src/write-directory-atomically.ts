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

// The writer's pid in a temporary's name tells a later run whether its writer is still alive.
const temporaryName = (dir: string, kind: 'tmp' | 'old'): string => join(dirname(dir), `.${basename(dir)}.${kind}-${process.pid}-${randomUUID().slice(0, 8)}`);

/**
 * Writes `files` into a sibling temporary directory, fsyncs them, then renames it to `dir`. A reader
 * sees the old directory or the new one, never a half-written one. An existing `dir` is moved aside
 * first and removed after the swap (Linux cannot rename over a non-empty directory): callers make
 * sure it holds nothing but an earlier save (see checkSaveTarget).
 */
export const writeDirectoryAtomically = async (dir: string, files: ReadonlyArray<readonly [string, Uint8Array | string]>): Promise<void> => {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const temporary = temporaryName(dir, 'tmp');
  await mkdir(temporary);
  try {
    for (const [name, data] of files) await writeDurably(join(temporary, name), data);
    await syncDirectory(temporary);
    const previous = (await exists(dir)) ? temporaryName(dir, 'old') : undefined;
    if (previous !== undefined) await rename(dir, previous);
    await rename(temporary, dir);
    await syncDirectory(parent);
    if (previous !== undefined) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
};

/**
 * Writes `files` into the existing folder `dir`, each to a temporary sibling first and renamed over
 * its target, in the order given; every other file in `dir` stays as it was.
 */
export const writeFilesInto = async (dir: string, files: ReadonlyArray<readonly [string, Uint8Array | string]>): Promise<void> => {
  for (const [name, data] of files) {
    const temporary = join(dir, `.${name}.tmp-${process.pid}`);
    try {
      await writeDurably(temporary, data);
      await rename(temporary, join(dir, name));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
  await syncDirectory(dir);
};
