import { stat } from 'node:fs/promises';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { DownloadProblem, download } from './download.ts';
import type { DownloadOptions } from './download.ts';
import { errorMessage } from './error-message.ts';
import { readFolderSource } from './folder-source.ts';
import type { SourceFiles } from './pure/source-files.ts';
import { readTarballSource } from './tarball-source.ts';

export interface LoadOptions {
  /** Where a URL source is downloaded to and kept (the writer puts it beside the output folder). */
  readonly downloadDir?: string;
  readonly download?: DownloadOptions;
}

const usage = 'pass --source a folder of CIFAR-10 .bin files, the cifar-10-binary.tar.gz tarball or its URL';

export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

const fromUrl = (url: string, options: LoadOptions): TE.TaskEither<string, SourceFiles> =>
  pipe(
    TE.tryCatch(
      () => download(url, options.downloadDir ?? '.cifar10-download', options.download),
      (error) => (error instanceof DownloadProblem ? error.message : `${url}: download failed (${errorMessage(error)}); ${usage}`),
    ),
    TE.chain(readTarballSource),
  );

/** Picks the reader for `source`: an http(s) URL, a folder, or a tarball file. */
export const loadSource = (source: string, options: LoadOptions = {}): TE.TaskEither<string, SourceFiles> =>
  isUrl(source)
    ? fromUrl(source, options)
    : pipe(
        TE.tryCatch(
          () => stat(source),
          (error) => `${source}: cannot open the source (${errorMessage(error)}); ${usage}`,
        ),
        TE.chain((stats) => (stats.isDirectory() ? readFolderSource(source) : readTarballSource(source))),
      );
