import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as E from 'fp-ts/Either';

const causes: Readonly<Record<string, string>> = {
  EROFS: 'it is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (a protected or immutable folder)',
};

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

const statOrUndefined = (path: string) => {
  try {
    return statSync(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return undefined;
    throw error;
  }
};

/**
 * Whether this process can create `path` (a folder or a file in one), answered before any work
 * and without writing anything: the nearest folder that exists on the way to it must be a folder
 * this process may write in. A refusal names the option, the folder and the real cause (read-only,
 * permission), not the ENOENT a later write would report.
 */
export const checkWritable = (option: string, path: string): E.Either<string, void> => {
  for (let probe = resolve(path); ; probe = dirname(probe)) {
    try {
      const found = statOrUndefined(probe);
      if (found?.isDirectory() === false) return E.left(`${option} ${path}: ${probe} is a file, not a folder: choose another ${option}`);
      if (found !== undefined) {
        accessSync(probe, constants.W_OK);
        return E.right(undefined);
      }
    } catch (error) {
      const code = codeOf(error);
      return E.left(`${option} ${path}: cannot write in ${probe}: ${causes[code] ?? (error as Error).message} (${code}): choose another ${option}`);
    }
    if (dirname(probe) === probe) return E.left(`${option} ${path}: no folder on the way to it exists`);
  }
};
