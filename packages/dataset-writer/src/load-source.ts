import { stat } from 'node:fs/promises';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { errorMessage } from './error-message.ts';
import { readFolderSource } from './folder-source.ts';
import type { SourceFiles } from './pure/source-files.ts';

export interface LoadOptions {}

const usage = 'pass --source a folder of CIFAR-10 .bin files, the cifar-10-binary.tar.gz tarball or its URL';

/** Picks the reader for `source`: an http(s) URL, a folder, or a tarball file. */
export const loadSource = (source: string, _options: LoadOptions = {}): TE.TaskEither<string, SourceFiles> =>
  pipe(
    TE.tryCatch(
      () => stat(source),
      (error) => `${source}: cannot open the source (${errorMessage(error)}); ${usage}`,
    ),
    TE.chain((stats) =>
      stats.isDirectory() ? readFolderSource(source) : TE.left(`${source}: tarball sources are not supported yet; ${usage}`),
    ),
  );
