import * as E from 'fp-ts/Either';
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
  readonly trainRecords?: number | undefined;
  /** Use only the first N test records for validation. */
  readonly valRecords?: number | undefined;
  /** What to advise when the repository is damaged (default: the dataset writer's command). */
  readonly rebuild?: string;
}

type Mean = readonly [number, number, number];

/** Which option asked for how many records of which split of which repository, for the message. */
export interface RecordLimit {
  readonly limit: number | undefined;
  readonly option: string;
  readonly split: 'training' | 'test';
  readonly dir: string;
}

/** The first `limit` records of a split, as views (no bytes are copied); more than it holds is refused. */
export const prefix = (data: SplitData, mean: Mean, { limit, option, split, dir }: RecordLimit): E.Either<string, Split> => {
  if (limit !== undefined && limit > data.count) {
    return E.left(`${option} ${limit}: ${dir} holds ${data.count} ${split} records; ask for at most ${data.count}, or leave ${option} out to use them all`);
  }
  const count = limit ?? data.count;
  return E.right({ images: data.images.subarray(0, count * 32 * 32 * 3), labels: data.labels.subarray(0, count), count, mean });
};

/** Opens a record repository and reads (and checks) the splits a run trains and validates on. */
export const loadRunData = (dataDir: string, options: DataOptions): TE.TaskEither<string, RunData> =>
  pipe(
    openRepository(dataDir, options.rebuild),
    TE.flatMap((repository) => {
      const { trainMean, splits, classNames } = repository.manifest;
      if (splits.test === undefined && options.valRecords !== undefined) {
        return TE.left(`--val-records ${options.valRecords}: ${dataDir} has no test split (its source had no test_batch.bin) to validate on`);
      }
      const read = (name: 'train' | 'test', limit: RecordLimit) =>
        pipe(repository.readSplit(name), TE.flatMapEither((data) => prefix(data, trainMean, limit)));
      const validation = splits.test
        ? read('test', { limit: options.valRecords, option: '--val-records', split: 'test', dir: dataDir })
        : TE.right(undefined);
      return pipe(
        read('train', { limit: options.trainRecords, option: '--train-records', split: 'training', dir: dataDir }),
        TE.flatMap((train) => TE.map((v: Split | undefined) => ({ train, classNames, ...(v ? { validation: v } : {}) }))(validation)),
      );
    }),
  );
