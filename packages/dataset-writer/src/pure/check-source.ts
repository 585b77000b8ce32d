import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { BATCH_FILES, RECORD_BYTES, RECORDS_PER_OFFICIAL_BATCH, TEST_FILES, TRAIN_FILES } from './record-format.ts';
import type { BatchFileName } from './record-format.ts';
import type { SourceBatch, SourceFiles } from './source-files.ts';
import { validateRecords } from './validate-records.ts';

const inOrder = (source: SourceFiles, names: ReadonlyArray<BatchFileName>): ReadonlyArray<SourceBatch> =>
  names.flatMap((name) => source.batches.filter((batch) => batch.name === name));

/** E.g. `data_batch_5.bin: 8000 records (partial: the official file has 10000)`. */
const reportLine = (file: { readonly name: BatchFileName; readonly size: number }): string => {
  const count = file.size / RECORD_BYTES;
  const partial = count === RECORDS_PER_OFFICIAL_BATCH ? '' : ` (partial: the official file has ${RECORDS_PER_OFFICIAL_BATCH})`;
  return `${file.name}: ${count} records${partial}`;
};

/** What a source holds, to log once its files are validated: one line per file found, then the missing ones. */
export const sourceReport = (found: ReadonlyArray<{ readonly name: BatchFileName; readonly size: number }>): ReadonlyArray<string> => {
  const missing = BATCH_FILES.filter((name) => !found.some((file) => file.name === name));
  return [...found.map(reportLine), ...(missing.length > 0 ? [`missing from the source: ${missing.join(', ')}`] : [])];
};

/** A source whose every record has been validated, in canonical split order. */
export interface CheckedSource {
  readonly train: ReadonlyArray<SourceBatch>;
  readonly test: ReadonlyArray<SourceBatch>;
  readonly classNames: ReadonlyArray<string>;
  readonly report: ReadonlyArray<string>;
}

/** Validates every record of every batch file; nothing is allocated or written before this passes. */
export const checkSource = (source: SourceFiles): E.Either<string, CheckedSource> => {
  const train = inOrder(source, TRAIN_FILES);
  const test = inOrder(source, TEST_FILES);
  return pipe(
    [...train, ...test],
    E.traverseArray((batch) => validateRecords(batch.label, batch.bytes)),
    E.filterOrElse(
      () => train.length > 0,
      () =>
        `${source.origin}: no data_batch_*.bin found; the training split and its mean need at least ` +
        'data_batch_1.bin, so pass the folder or tarball that holds the CIFAR-10 binary batches',
    ),
    E.map(() => ({
      train,
      test,
      classNames: source.classNames,
      report: sourceReport([...train, ...test].map((batch) => ({ name: batch.name, size: batch.bytes.length }))),
    })),
  );
};
