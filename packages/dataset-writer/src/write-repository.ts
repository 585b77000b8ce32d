import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { Aborted, throwIfAborted } from './aborted.ts';
import { SourceFailure } from './batch-reader.ts';
import { WriteFailure } from './durable-write.ts';
import { errnoCode, errorMessage } from './error-message.ts';
import type { Manifest } from './manifest.ts';
import { publishFolder } from './publish-folder.ts';
import { checkSource } from './pure/check-source.ts';
import type { CheckedSource } from './pure/check-source.ts';
import { openRepository, verifyRepository } from './repository.ts';
import { loadSource } from './load-source.ts';
import type { LoadOptions } from './load-source.ts';
import { sourceChecksum } from './source-checksum.ts';
import { inspectTarget } from './target-state.ts';
import type { TargetState } from './target-state.ts';
import { sliceHasher } from './slice-hasher.ts';
import type { SliceHasher } from './slice-hasher.ts';
import { removeStaleWorkFolders, workFolder } from './temp-folder.ts';
import { memoryInput, streamedFolderInput } from './write-input.ts';
import type { WriteInput } from './write-input.ts';
import { writeSplits } from './write-splits.ts';

export interface WriteOptions extends LoadOptions {
  readonly log?: (line: string) => void;
  /** Aborting (the CLI does on Ctrl-C) removes the work folder and leaves the target as it was. */
  readonly signal?: AbortSignal;
  /** Rebuild even when the existing repository was made from the same source. */
  readonly force?: boolean;
  /** How the caller's user names the output folder in messages (default `--out`; train-app's is `--data-dir`). */
  readonly outOption?: string;
}

export interface WriteResult {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly reused: boolean;
}

const failureLine = (target: string, error: unknown, outOption = '--out'): string => {
  const nothing = `nothing was changed at ${target}`;
  if (error instanceof SourceFailure) return error.message;
  if (error instanceof Aborted) return `${target}: interrupted before the repository was complete; ${nothing}, run it again`;
  if (error instanceof WriteFailure) {
    const file = join(target, basename(error.path));
    return errnoCode(error.reason) === 'ENOSPC'
      ? `${file}: no space left on the device at byte offset ${error.offset}; free space or pass another ${outOption}, ${nothing}`
      : `${file}: write failed at byte offset ${error.offset} (${errorMessage(error.reason)}); ${nothing}`;
  }
  return `${target}: cannot write the repository (${errorMessage(error)}); check the folder and its permissions, ${nothing}`;
};

const build = async (input: WriteInput, target: string, state: TargetState, hasher: SliceHasher, options: WriteOptions) => {
  const createdParent = await mkdir(dirname(target), { recursive: true });
  const work = workFolder(target, 'tmp');
  let published = false;
  try {
    await mkdir(work);
    throwIfAborted(options.signal);
    const manifest = await writeSplits(work, input.reader, input.classNames, { signal: options.signal, hasher, ring: input.ring });
    if (input.validatedWhileWriting) announce(input, target, state, options);
    const verified = await openRepository(work)();
    if (verified._tag === 'Left') throw new Error(`the written repository does not verify: ${verified.left}`);
    throwIfAborted(options.signal);
    await publishFolder(work, target, state, () => (published = true));
    return manifest;
  } catch (error) {
    // Once the new repository is in place, nothing may be removed; before that, everything is ours.
    if (!published) {
      await rm(work, { recursive: true, force: true });
      if (createdParent !== undefined) await rm(createdParent, { recursive: true, force: true });
    }
    throw error;
  }
};

/** The source's report, then what is about to be replaced: logged once the source is known good. */
const announce = (input: WriteInput, target: string, state: TargetState, options: WriteOptions): void => {
  input.report.forEach((line) => options.log?.(line));
  if (state._tag === 'Damaged') options.log?.(`${target}: replacing a damaged repository (${state.problem})`);
};

const writeNew = (input: WriteInput, target: string, state: TargetState, hasher: SliceHasher, options: WriteOptions): TE.TaskEither<string, WriteResult> =>
  TE.tryCatch(
    async () => {
      await removeStaleWorkFolders(target);
      if (input.reader.test.length === 0) {
        options.log?.(`${target}: warning: the source has no test_batch.bin, so the repository gets no test split and runs from it cannot validate`);
      }
      if (!input.validatedWhileWriting) announce(input, target, state, options);
      const manifest = await build(input, target, state, hasher, options);
      const test = manifest.splits.test === undefined ? 'no test split' : `${manifest.splits.test.count} test images`;
      options.log?.(`${target}: wrote ${manifest.splits.train?.count ?? 0} training images and ${test}`);
      return { dir: target, manifest, reused: false };
    },
    (error) => failureLine(target, error, options.outOption),
  );

/**
 * The existing repository when it was built from this very source (and no rebuild is forced) and
 * every file still matches its checksum; otherwise a build, which replaces a damaged one.
 */
const reuseOrBuild = (checked: CheckedSource, target: string, state: TargetState, hasher: SliceHasher, options: WriteOptions): TE.TaskEither<string, WriteResult> => {
  if (state._tag === 'Repository' && options.force !== true && state.manifest.sourceChecksum === sourceChecksum(checked)) {
    const { manifest } = state;
    return pipe(
      verifyRepository(target),
      TE.matchE(
        (problem) => writeNew(memoryInput(checked), target, { _tag: 'Damaged', problem }, hasher, options),
        () =>
          TE.tryCatch(async () => {
            await removeStaleWorkFolders(target); // a killed writer's leftovers, as a build would
            options.log?.(`${target}: already holds the repository of this source (checksum ${manifest.sourceChecksum.slice(0, 12)}, verified); reusing it`);
            return { dir: target, manifest, reused: true };
          }, (error) => failureLine(target, error, options.outOption)),
      ),
    );
  }
  return writeNew(memoryInput(checked), target, state, hasher, options);
};

/** A whole source read into memory and validated first: tarballs, URLs, a rebuild check, and every folder the fast path declines. */
const fromWholeSource = (source: string, target: string, hasher: SliceHasher, options: WriteOptions): TE.TaskEither<string, WriteResult> =>
  pipe(
    loadSource(source, {
      downloadDir: join(dirname(target), `.${basename(target)}.download`),
      ...options,
      download: { ...options.download, ...(options.signal ? { signal: options.signal } : {}) },
    }),
    TE.chainEitherK(checkSource),
    TE.chain((checked) =>
      pipe(
        inspectTarget(target, options.outOption),
        TE.chain((state) => reuseOrBuild(checked, target, state, hasher, options)),
      ),
    ),
  );

/**
 * Reads a source (folder of .bin files, .tar.gz, or URL), validates every record and writes the
 * record repository at `outDir` atomically; an existing repository of the same source is reused.
 */
export const writeRepository = (source: string, outDir: string, options: WriteOptions = {}): TE.TaskEither<string, WriteResult> => async () => {
  const target = resolve(outDir);
  // Started before the reads, so that its start-up (~50 ms of CPU, on the other core) is over when the first slice is ready.
  const hasher = sliceHasher();
  try {
    const streamed = await streamedFolderInput(source, target, options.outOption);
    return await (streamed === undefined
      ? fromWholeSource(source, target, hasher, options)
      : writeNew(streamed.input, target, streamed.state, hasher, options))();
  } finally {
    hasher.close();
  }
};
