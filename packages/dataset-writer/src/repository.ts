import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { MANIFEST_FILE, Manifest } from './manifest.ts';
import type { DataFile, SplitEntry, SplitName } from './manifest.ts';
import { formatDecodeErrors } from './pure/format-decode-errors.ts';
import { sha256Hex } from './sha256.ts';
import { checkManifestConsistency } from './pure/check-manifest.ts';
import { errorMessage } from './error-message.ts';

export interface SplitData {
  /** uint8 NHWC [count, 32, 32, 3]. */
  readonly images: Uint8Array;
  /** uint8 [count], each in 0..classNames.length-1. */
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface Repository {
  readonly dir: string;
  readonly manifest: Manifest;
  /** Reads one split and verifies the sha256 of both files before handing them out. */
  readonly readSplit: (name: SplitName) => TE.TaskEither<string, SplitData>;
}

/** What a message about a damaged repository advises by default: the writer, which verifies what it would reuse. */
export const writerRebuild = (dir: string): string => `rebuild it with \`npx nx run dataset-writer:run --source PATH_OR_URL --out ${dir}\``;

const readManifest = (dir: string, rebuild: string): TE.TaskEither<string, Manifest> => {
  const path = join(dir, MANIFEST_FILE);
  return pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (error) => `${path}: cannot read the repository manifest (${errorMessage(error)}); ${rebuild}`,
    ),
    TE.chainEitherK((text) =>
      E.tryCatch(
        (): unknown => JSON.parse(text),
        (error) => `${path}: not valid JSON (${errorMessage(error)}); the repository is damaged, ${rebuild}`,
      ),
    ),
    TE.chainEitherK((json) =>
      pipe(
        Manifest.decode(json),
        E.mapLeft((errors) => `${path}: ${formatDecodeErrors(errors)}; ${rebuild}`),
      ),
    ),
    TE.chainEitherK((manifest) =>
      pipe(
        checkManifestConsistency(manifest),
        E.mapLeft((problem) => `${path}: ${problem}; ${rebuild}`),
      ),
    ),
  );
};

const checkSize = (dir: string, file: DataFile, rebuild: string): TE.TaskEither<string, void> =>
  pipe(
    TE.tryCatch(
      () => stat(join(dir, file.file)),
      (error) => `${join(dir, file.file)}: cannot read it (${errorMessage(error)}); ${rebuild}`,
    ),
    TE.filterOrElse(
      (stats) => stats.size === file.bytes,
      (stats) =>
        `${join(dir, file.file)}: ${stats.size} bytes on disk but the manifest says ${file.bytes}; ` +
        `the repository is damaged, ${rebuild}`,
    ),
    TE.map(() => undefined),
  );

const readVerified = (dir: string, file: DataFile, rebuild: string): TE.TaskEither<string, Uint8Array> => {
  const path = join(dir, file.file);
  return pipe(
    TE.tryCatch(
      async () => {
        const bytes = new Uint8Array(await readFile(path));
        return { bytes, sha256: await sha256Hex(bytes) };
      },
      (error) => `${path}: cannot read it (${errorMessage(error)}); ${rebuild}`,
    ),
    TE.filterOrElse(
      ({ sha256 }) => sha256 === file.sha256,
      ({ sha256 }) =>
        `${path}: sha256 ${sha256} does not match the manifest's ${file.sha256}; ` +
        `the file is corrupt, ${rebuild}`,
    ),
    TE.map(({ bytes }) => bytes),
  );
};

const readSplit =
  (dir: string, manifest: Manifest, rebuild: string) =>
  (name: SplitName): TE.TaskEither<string, SplitData> => {
    const entry: SplitEntry | undefined = manifest.splits[name];
    if (entry === undefined) {
      return TE.left(`${dir}: the repository has no ${name} split (its source lacked it); ${rebuild}`);
    }
    return pipe(
      TE.Do,
      TE.apS('images', readVerified(dir, entry.images, rebuild)),
      TE.apS('labels', readVerified(dir, entry.labels, rebuild)),
      TE.map(({ images, labels }) => ({ images, labels, count: entry.count })),
    );
  };

/**
 * Opens a record repository: the manifest must decode and agree with itself, and every data file
 * must have the size the manifest records. Checksums are verified when a split is read. A
 * damaged one is explained with `rebuild`, the advice of whoever opens it (the writer's by default).
 */
export const openRepository = (dir: string, rebuild: string = writerRebuild(dir)): TE.TaskEither<string, Repository> =>
  pipe(
    readManifest(dir, rebuild),
    TE.chainFirst((manifest) =>
      pipe(
        Object.values(manifest.splits).flatMap((entry) => (entry ? [entry.images, entry.labels] : [])),
        TE.traverseArray((file) => checkSize(dir, file, rebuild)),
      ),
    ),
    TE.map((manifest) => ({ dir, manifest, readSplit: readSplit(dir, manifest, rebuild) })),
  );

/** Opens a repository and reads every split, checksums and all: what a writer checks before reusing one. */
export const verifyRepository = (dir: string): TE.TaskEither<string, Manifest> =>
  pipe(
    openRepository(dir),
    TE.chainFirst((repository) => {
      const present = (['train', 'test'] as const).filter((name) => repository.manifest.splits[name] !== undefined);
      return TE.traverseArray((name: SplitName) => repository.readSplit(name))(present);
    }),
    TE.map((repository) => repository.manifest),
  );
