import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { ensureRepository, MANIFEST_FILE } from '@resnet-cifar/dataset-writer';
import { loadRunData, type RunData } from '@resnet-cifar/trainer';

export interface DataRequest {
  readonly dataDir: string;
  readonly source: string;
  readonly trainRecords?: number | undefined;
  readonly valRecords?: number | undefined;
}

/** The record repository at --data-dir, built from --source by the dataset writer only when it is missing. */
export const prepareData = (request: DataRequest, log: (line: string) => void): TE.TaskEither<string, RunData> => {
  const limits = {
    trainRecords: request.trainRecords,
    valRecords: request.valRecords,
    rebuild: `delete --data-dir ${request.dataDir} and run again: train-app rebuilds it from --source`,
  };
  if (existsSync(join(request.dataDir, MANIFEST_FILE))) return loadRunData(request.dataDir, limits);
  log(`no record repository at ${request.dataDir}: building it from ${request.source}`);
  return pipe(
    ensureRepository(request.source, request.dataDir, log),
    TE.flatMap(() => loadRunData(request.dataDir, limits)),
  );
};
