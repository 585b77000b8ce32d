import { stat } from 'node:fs/promises';
import { folderBatchReader, folderBufferBytes, memoryBatchReader } from './batch-reader.ts';
import type { BatchReader } from './batch-reader.ts';
import { folderFiles } from './folder-source.ts';
import { isUrl } from './load-source.ts';
import { sourceReport } from './pure/check-source.ts';
import type { CheckedSource } from './pure/check-source.ts';
import { inspectTarget } from './target-state.ts';
import type { TargetState } from './target-state.ts';
import { outputRing } from './write-split.ts';
import type { Ring } from './write-split.ts';

/** What a build writes from; `report` is logged once every file is validated. */
export interface WriteInput {
  readonly reader: BatchReader;
  readonly classNames: () => Promise<ReadonlyArray<string>>;
  readonly report: ReadonlyArray<string>;
  /** A folder is validated file by file while it is written; a source in memory was validated whole before. */
  readonly validatedWhileWriting: boolean;
  /** The output ring, when the reader's buffers share its memory. */
  readonly ring?: Ring;
}

export const memoryInput = (checked: CheckedSource): WriteInput => ({
  reader: memoryBatchReader(checked),
  classNames: async () => checked.classNames,
  report: checked.report,
  validatedWhileWriting: false,
});

/**
 * The fast path: a folder written into a new, empty or damaged target, read file by file while
 * the previous file is transposed (its reads start here). Anything else takes the whole-source
 * path: a reuse check needs the whole source's checksum first, and that path also explains every
 * bad source or target in the order it always has.
 */
export const streamedFolderInput = async (source: string, target: string, outOption?: string): Promise<{ readonly input: WriteInput; readonly state: TargetState } | undefined> => {
  if (isUrl(source) || !(await stat(source).then((stats) => stats.isDirectory(), () => false))) return undefined;
  const [state, files] = await Promise.all([inspectTarget(target, outOption)(), folderFiles(source)]);
  if (state._tag === 'Left' || state.right._tag === 'Repository' || files === undefined) return undefined;
  // The reader's buffers live in the transposer's wasm memory: records are transposed where they were read.
  const ring = outputRing(folderBufferBytes([...files.train, ...files.test]));
  const input: WriteInput = {
    ring,
    reader: folderBatchReader(files.train, files.test, ring.images.input),
    classNames: files.classNames,
    report: sourceReport([...files.train, ...files.test]),
    validatedWhileWriting: true,
  };
  return { input, state: state.right };
};
