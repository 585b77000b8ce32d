import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { errorMessage } from './error-message.ts';
import { parseClassNames } from './pure/class-names.ts';
import { BATCH_FILES, DEFAULT_CLASS_NAMES, META_FILE } from './pure/record-format.ts';
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
