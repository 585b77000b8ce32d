import type { BatchFileName } from './record-format.ts';

/** One batch file of a source, fully read; `label` names it in messages (path, or tarball:member). */
export interface SourceBatch {
  readonly name: BatchFileName;
  readonly label: string;
  readonly bytes: Uint8Array;
}

/** Whatever the source was (folder, tarball, download), this is what the writer works from. */
export interface SourceFiles {
  readonly origin: string;
  readonly batches: ReadonlyArray<SourceBatch>;
  readonly classNames: ReadonlyArray<string>;
}
