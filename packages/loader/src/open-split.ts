import { openRepository, type Repository, type SplitName } from '@resnet-cifar/dataset-writer';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Split } from './pure/split.ts';

/**
 * A split of an open record repository as the loader reads it: checksums verified by the writer's
 * reader, and the manifest's training mean attached (evaluation subtracts the training mean too).
 */
export const readRepositorySplit = (repository: Repository, name: SplitName): TE.TaskEither<string, Split> =>
  pipe(
    repository.readSplit(name),
    TE.map((data) => ({ ...data, mean: repository.manifest.trainMean })),
  );

/**
 * Opens the repository at `dir` and reads one split. A missing or damaged repository, a manifest
 * that fails its codec, or a file that fails its checksum gives one line saying how to fix it.
 * Read once per run and pass the split to every epoch: reading is the slow part.
 */
export const openSplit = (dir: string, name: SplitName): TE.TaskEither<string, Split> =>
  pipe(
    openRepository(dir),
    TE.chain((repository) => readRepositorySplit(repository, name)),
  );
