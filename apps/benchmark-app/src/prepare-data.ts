import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { ensureRepository, MANIFEST_FILE } from '@resnet-cifar/dataset-writer';
import { loadRunData, type DataOptions, type RunData } from '@resnet-cifar/trainer';

/** The record repository at `dataDir` (as the train app reads it), built from `source` only when missing. */
export const prepareData = (dataDir: string, source: string, limits: DataOptions, log: (line: string) => void): TE.TaskEither<string, RunData> =>
  pipe(
    ensureData(dataDir, source, log),
    TE.flatMap(() => loadRunData(dataDir, limits)),
  );

/** Builds the repository once, before any child starts, so parallel children never race to write it. */
export const ensureData = (dataDir: string, source: string, log: (line: string) => void): TE.TaskEither<string, void> => {
  if (existsSync(join(dataDir, MANIFEST_FILE))) return TE.right(undefined);
  log(`no record repository at ${dataDir}: building it from ${source}`);
  return TE.map(() => undefined)(ensureRepository(source, dataDir, log));
};
