import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { openRepository, type SplitData } from '@resnet-cifar/dataset-writer';
import type { Split } from '@resnet-cifar/loader';

export interface RunData {
  readonly train: Split;
  readonly validation?: Split;
  readonly classNames: readonly string[];
}

export interface DataOptions {
  /** Use only the first N training records (short runs). */
  readonly trainRecords?: number;
  /** Use only the first N test records for validation. */
  readonly valRecords?: number;
}

type Mean = readonly [number, number, number];

/** The first `limit` records of a split, as views: no bytes are copied. */
export const prefix = (data: SplitData, mean: Mean, limit: number | undefined): Split => {
  const count = Math.min(limit ?? data.count, data.count);
  return { images: data.images.subarray(0, count * 32 * 32 * 3), labels: data.labels.subarray(0, count), count, mean };
};

/** Opens a record repository and reads (and checks) the splits a run trains and validates on. */
export const loadRunData = (dataDir: string, options: DataOptions): TE.TaskEither<string, RunData> =>
  pipe(
    openRepository(dataDir),
    TE.flatMap((repository) => {
      const { trainMean, splits, classNames } = repository.manifest;
      const validation = splits.test
        ? pipe(repository.readSplit('test'), TE.map((test) => prefix(test, trainMean, options.valRecords)))
        : TE.right(undefined);
      return pipe(
        repository.readSplit('train'),
        TE.map((train) => prefix(train, trainMean, options.trainRecords)),
        TE.flatMap((train) => TE.map((v: Split | undefined) => ({ train, classNames, ...(v ? { validation: v } : {}) }))(validation)),
      );
    }),
  );
