import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { extract } from 'tar-stream';
import { errnoCode, errorMessage } from './error-message.ts';
import { parseClassNames } from './pure/class-names.ts';
import { BATCH_FILES, DEFAULT_CLASS_NAMES, META_FILE, isBatchFileName } from './pure/record-format.ts';
import type { SourceBatch, SourceFiles } from './pure/source-files.ts';

class SourceProblem extends Error {}

type Entry = ReturnType<typeof extract> extends AsyncIterable<infer T> ? T : never;

const readEntry = async (entry: Entry): Promise<Uint8Array> => {
  const bytes = new Uint8Array(entry.header.size);
  let filled = 0;
  for await (const chunk of entry) {
    bytes.set(chunk as Buffer, filled);
    filled += (chunk as Buffer).length;
  }
  return bytes;
};

/** Keeps the wanted members in memory as they stream past; nothing is unpacked to disk. */
const collectMembers = async (path: string, members: AsyncIterable<Entry>) => {
  const batches: SourceBatch[] = [];
  let metaText: string | undefined;
  for await (const entry of members) {
    const name = basename(entry.header.name);
    const wanted = entry.header.type === 'file' && (isBatchFileName(name) || name === META_FILE);
    if (!wanted) {
      entry.resume();
      continue;
    }
    if (batches.some((batch) => batch.name === name) || (name === META_FILE && metaText !== undefined)) {
      throw new SourceProblem(`${path}: the tarball holds ${name} twice (again as ${entry.header.name}); pass the official cifar-10-binary.tar.gz`);
    }
    const bytes = await readEntry(entry);
    if (isBatchFileName(name)) batches.push({ name, label: `${path}:${entry.header.name}`, bytes });
    else metaText = new TextDecoder().decode(bytes);
  }
  return { batches, metaText };
};

// zlib reports no exact position; reading in small chunks bounds where the damage is.
const READ_CHUNK = 1 << 16;

const gzipFailure = (path: string, offset: number, error: unknown): string => {
  const what = errnoCode(error) === 'Z_BUF_ERROR' ? `ends early at compressed byte offset ${offset}` : `is corrupt at compressed byte offset ${offset}..${offset + READ_CHUNK}`;
  return `${path}: the gzip stream ${what} (${errorMessage(error)}); re-download the tarball, or pass the folder of .bin files instead`;
};

const streamFailure = (path: string, compressedOffset: number, error: unknown): string => {
  if (error instanceof SourceProblem) return error.message;
  if (errnoCode(error)?.startsWith('Z_') === true) return gzipFailure(path, compressedOffset, error);
  if (errnoCode(error) === undefined) {
    return `${path}: not a valid tar archive inside the gzip (${errorMessage(error)}); pass the official cifar-10-binary.tar.gz`;
  }
  return `${path}: cannot read the tarball (${errorMessage(error)}); check the path and its permissions`;
};

/** The official `cifar-10-binary.tar.gz` (members under `cifar-10-batches-bin/`), read as one stream. */
export const readTarballSource = (path: string): TE.TaskEither<string, SourceFiles> => {
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  const members = extract();
  return pipe(
    TE.tryCatch(
      async () => {
        const piping = pipeline(createReadStream(path, { highWaterMark: READ_CHUNK }), gunzip, members);
        const [piped, collected] = await Promise.allSettled([piping, collectMembers(path, members)]);
        // The stream's own error (zlib, tar, read) explains more than the consumer's "premature close".
        if (piped.status === 'rejected') throw piped.reason;
        if (collected.status === 'rejected') throw collected.reason;
        return collected.value;
      },
      (error) => streamFailure(path, gunzip.bytesWritten, error),
    ),
    TE.filterOrElse(
      ({ batches }) => batches.length > 0,
      () =>
        `${path}: the tarball holds none of ${BATCH_FILES.join(', ')} (expected under cifar-10-batches-bin/); ` +
        'it may be the python or matlab version, pass cifar-10-binary.tar.gz',
    ),
    TE.chainEitherK(({ batches, metaText }) =>
      pipe(
        metaText === undefined ? E.right(DEFAULT_CLASS_NAMES) : parseClassNames(`${path}:${META_FILE}`, metaText),
        E.map((classNames) => ({ origin: path, batches, classNames })),
      ),
    ),
  );
};
