import type * as TE from 'fp-ts/lib/TaskEither.js';
import { consoleProgress } from './download-progress.ts';
import { writeRepository } from './write-repository.ts';
import type { WriteResult } from './write-repository.ts';

/**
 * For apps (train, eval): the repository at `outDir`, built from `source` only when it is missing
 * or was made from other data; an up-to-date one is reused after reading and hashing the source.
 * Messages name the folder by the app's option (`--data-dir`).
 */
export const ensureRepository = (
  source: string,
  outDir: string,
  log: (line: string) => void,
  outOption = '--data-dir',
): TE.TaskEither<string, WriteResult> =>
  writeRepository(source, outDir, { log, outOption, download: { log, progress: consoleProgress(log, 'download') } });
