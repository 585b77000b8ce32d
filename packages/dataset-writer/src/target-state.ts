import { readdir, stat } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { errnoCode, errorMessage } from './error-message.ts';
import type { Manifest } from './manifest.ts';
import { MANIFEST_FILE } from './manifest.ts';
import { openRepository } from './repository.ts';

/** What is at `--out` now; a repository is only ever replaced whole, anything else is left alone. */
export type TargetState =
  | { readonly _tag: 'Absent' }
  | { readonly _tag: 'Empty' }
  | { readonly _tag: 'Repository'; readonly manifest: Manifest }
  | { readonly _tag: 'Damaged'; readonly problem: string };

// Files a repository of ours may hold: a folder with anything else is not ours to replace.
const OURS = /^(manifest\.json|(train|test)-(images|labels)\.u8)$/;

const classify = async (dir: string, outOption: string): Promise<TargetState | string> => {
  const entries = await readdir(dir);
  if (entries.length === 0) return { _tag: 'Empty' };
  if (!entries.includes(MANIFEST_FILE) || !entries.every((entry) => OURS.test(entry))) {
    return (
      `${dir}: the folder exists and is not a record repository (it holds ${entries.slice(0, 3).join(', ')}` +
      `${entries.length > 3 ? ', ...' : ''}); pass ${outOption} a new or empty folder, nothing was changed`
    );
  }
  const opened = await openRepository(dir)();
  return opened._tag === 'Right'
    ? { _tag: 'Repository', manifest: opened.right.manifest }
    : { _tag: 'Damaged', problem: opened.left };
};

const inspect = async (dir: string, outOption: string): Promise<TargetState | string> => {
  try {
    const stats = await stat(dir);
    if (!stats.isDirectory()) {
      return `${dir}: is a file, not a folder; pass ${outOption} a folder path (it is created), nothing was changed`;
    }
    return await classify(dir, outOption);
  } catch (error) {
    return errnoCode(error) === 'ENOENT'
      ? { _tag: 'Absent' }
      : `${dir}: cannot inspect the output folder (${errorMessage(error)}); check its permissions or pass another ${outOption}`;
  }
};

/** `outOption` is how the caller's user names the folder (`--out`, train-app's `--data-dir`), for messages. */
export const inspectTarget = (dir: string, outOption = '--out'): TE.TaskEither<string, TargetState> =>
  pipe(
    TE.fromTask(() => inspect(dir, outOption)),
    TE.chainEitherK((state) => (typeof state === 'string' ? E.left(state) : E.right(state))),
  );
