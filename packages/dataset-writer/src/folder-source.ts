import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { SourceFailure } from './batch-reader.ts';
import type { BatchFile } from './batch-reader.ts';
import { errorMessage } from './error-message.ts';
import { parseClassNames } from './pure/class-names.ts';
import { BATCH_FILES, DEFAULT_CLASS_NAMES, META_FILE, TEST_FILES, TRAIN_FILES } from './pure/record-format.ts';
import type { BatchFileName } from './pure/record-format.ts';
import type { SourceBatch, SourceFiles } from './pure/source-files.ts';

const readBatch = (dir: string, name: SourceBatch['name']): TE.TaskEither<string, SourceBatch> => {
  const path = join(dir, name);
  return TE.tryCatch(
    async () => {
      const buffer = await readFile(path);
      return { name, label: path, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) };
    },
    (error) => `${path}: cannot read it (${errorMessage(error)}); check its permissions or remove it from the folder`,
  );
};

const readClassNames = (dir: string, present: ReadonlyArray<string>): TE.TaskEither<string, ReadonlyArray<string>> => {
  if (!present.includes(META_FILE)) return TE.right(DEFAULT_CLASS_NAMES);
  const path = join(dir, META_FILE);
  return pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (error) => `${path}: cannot read it (${errorMessage(error)}); check its permissions or remove it`,
    ),
    TE.chainEitherK((text) => parseClassNames(path, text)),
  );
};

/** A folder holding any of the official `.bin` files (`batches.meta.txt` optional). */
export const readFolderSource = (dir: string): TE.TaskEither<string, SourceFiles> =>
  pipe(
    TE.tryCatch(
      () => readdir(dir),
      (error) =>
        `${dir}: cannot list the folder (${errorMessage(error)}); pass --source a folder of CIFAR-10 .bin files, ` +
        'the cifar-10-binary.tar.gz tarball or its URL',
    ),
    TE.filterOrElse(
      (entries) => BATCH_FILES.some((name) => entries.includes(name)),
      () =>
        `${dir}: holds none of ${BATCH_FILES.join(', ')}; pass the folder that holds the CIFAR-10 ` +
        'binary batches (cifar-10-batches-bin) or the tarball itself',
    ),
    TE.chain((entries) =>
      pipe(
        TE.Do,
        TE.apS(
          'batches',
          TE.traverseArray((name: SourceBatch['name']) => readBatch(dir, name))(
            BATCH_FILES.filter((name) => entries.includes(name)),
          ),
        ),
        TE.apS('classNames', readClassNames(dir, entries)),
      ),
    ),
    TE.map(({ batches, classNames }) => ({ origin: dir, batches, classNames })),
  );

/** A folder's batch files, to be read one at a time while the repository is written. */
export interface FolderFiles {
  readonly train: ReadonlyArray<BatchFile>;
  readonly test: ReadonlyArray<BatchFile>;
  /** Rejects with a `SourceFailure` (asked only once every batch file was validated). */
  readonly classNames: () => Promise<ReadonlyArray<string>>;
}

/**
 * The batch files of a folder, in canonical order, with their sizes; undefined when the folder
 * cannot be listed, holds no training file, or a batch name is not a regular file: then the
 * whole-source path reads it and explains.
 */
export const folderFiles = async (dir: string): Promise<FolderFiles | undefined> => {
  const entries = await readdir(dir).catch(() => undefined);
  if (entries === undefined) return undefined;
  const present = (names: ReadonlyArray<BatchFileName>) => names.filter((name) => entries.includes(name));
  const described = async (names: ReadonlyArray<BatchFileName>) =>
    Promise.all(present(names).map(async (name) => ({ name, label: join(dir, name), stats: await stat(join(dir, name)).catch(() => undefined) })));
  const [train, test] = await Promise.all([described(TRAIN_FILES), described(TEST_FILES)]);
  if (train.length === 0 || [...train, ...test].some(({ stats }) => stats?.isFile() !== true)) return undefined;
  const file = ({ name, label, stats }: (typeof train)[number]): BatchFile => ({ name, label, size: stats?.size ?? 0 });
  const classNames = async () => {
    const read = await readClassNames(dir, entries)();
    if (read._tag === 'Left') throw new SourceFailure(read.left);
    return read.right;
  };
  return { train: train.map(file), test: test.map(file), classNames };
};
