import { open } from 'node:fs/promises';
import { errorMessage } from './error-message.ts';
import type { CheckedSource } from './pure/check-source.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import type { BatchFileName } from './pure/record-format.ts';
import { validateLabels, validateSize } from './pure/validate-records.ts';

/** A batch file as the writer sees it before reading it: `label` names it in messages. */
export interface BatchFile {
  readonly name: BatchFileName;
  readonly label: string;
  readonly size: number;
}

/** A bad source found while writing: its message is the user's one line, as it stands. */
export class SourceFailure extends Error {}

/**
 * Batch files in canonical order (train, then test), read when asked and released once the
 * writer is done with them (transposed and hashed), so a reader may reuse their memory.
 */
export interface BatchReader {
  readonly train: ReadonlyArray<BatchFile>;
  readonly test: ReadonlyArray<BatchFile>;
  /**
   * File `index` (of `train` then `test`) as pieces of whole, validated records in file order;
   * a piece rejects with a `SourceFailure` (and so do the ones after it).
   */
  readonly read: (index: number) => ReadonlyArray<Promise<Uint8Array>>;
  readonly release: (index: number) => void;
}

/** A source already in memory and validated (tarball, download, or a folder read whole). */
export const memoryBatchReader = (source: CheckedSource): BatchReader => {
  const all = [...source.train, ...source.test];
  const file = ({ name, label, bytes }: CheckedSource['train'][number]): BatchFile => ({ name, label, size: bytes.length });
  return {
    train: source.train.map(file),
    test: source.test.map(file),
    read: (index) => [Promise.resolve(all[index]!.bytes)],
    release: () => undefined,
  };
};

/** Records per piece: the writer starts on a file's first 3 MB while the rest is still being read. */
const PIECE_BYTES = 1024 * RECORD_BYTES;

/**
 * Buffers the folder reader cycles through: the file being transposed and the next one. A third
 * (for the hashing worker's lag) measured slower: reading into fresh pages while transposing.
 */
const SLOTS = 2;

/** The memory `folderBatchReader` cycles through (`memory`, when given, should hold this much: the transposer's input room). */
export const folderBufferBytes = (files: ReadonlyArray<BatchFile>): number => SLOTS * Math.max(...files.map((file) => file.size));

const deferred = <T>() => {
  let settle = { resolve: (_: T): void => undefined, reject: (_: unknown): void => undefined };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  promise.catch(() => undefined); // a failure is reported when the writer reaches that piece
  return { promise, ...settle };
};

const cannotRead = (file: BatchFile, error: unknown): SourceFailure =>
  new SourceFailure(`${file.label}: cannot read it (${errorMessage(error)}); check its permissions or remove it from the folder`);

/** Reads `file` into `into` piece by piece, settling `pieces` in order; never rejects. */
const readPieces = async (file: BatchFile, into: Uint8Array, pieces: ReadonlyArray<ReturnType<typeof deferred<Uint8Array>>>): Promise<void> => {
  const fail = (failure: SourceFailure, from: number) => pieces.slice(from).forEach((piece) => piece.reject(failure));
  const size = validateSize(file.label, file.size);
  if (size._tag === 'Left') return fail(new SourceFailure(size.left), 0);
  const handle = await open(file.label, 'r').catch((error: unknown) => void fail(cannotRead(file, error), 0));
  if (handle === undefined) return;
  try {
    for (let p = 0; p < pieces.length; p++) {
      const piece = into.subarray(p * PIECE_BYTES, Math.min((p + 1) * PIECE_BYTES, file.size));
      for (let done = 0; done < piece.length; ) {
        const { bytesRead } = await handle.read(piece, done, piece.length - done, p * PIECE_BYTES + done);
        if (bytesRead === 0) throw new Error(`the file shrank to ${p * PIECE_BYTES + done} bytes while being read`);
        done += bytesRead;
      }
      const labels = validateLabels(file.label, piece, (p * PIECE_BYTES) / RECORD_BYTES);
      if (labels._tag === 'Left') return fail(new SourceFailure(labels.left), p);
      pieces[p]!.resolve(piece);
    }
  } catch (error) {
    fail(cannotRead(file, error), 0); // pieces already resolved ignore it
  } finally {
    await handle.close().catch(() => undefined);
  }
};

/**
 * Folder files (their `label` is the path) read ahead of the writer, one after the other and
 * 3 MB at a time, into two reused shared buffers (in `memory`, the transposer's, when given):
 * the writer starts on a piece as soon as it is read, 60 MB of pages are touched instead of
 * 180 MB, and the transposer and the hashing worker read the source bytes in place. Reading starts at once. Each piece is validated as it arrives, with the same
 * one-line messages as `checkSource`.
 */
export const folderBatchReader = (train: ReadonlyArray<BatchFile>, test: ReadonlyArray<BatchFile>, memory?: Uint8Array): BatchReader => {
  const all = [...train, ...test];
  const largest = folderBufferBytes(all) / SLOTS;
  const slots = Array.from({ length: Math.min(SLOTS, all.length) }, (_, i) =>
    memory !== undefined && memory.length >= SLOTS * largest
      ? memory.subarray(i * largest, (i + 1) * largest)
      : new Uint8Array(new SharedArrayBuffer(largest)),
  );
  const released = all.map(() => deferred<void>());
  const pieces = all.map((file) => Array.from({ length: Math.max(1, Math.ceil(file.size / PIECE_BYTES)) }, () => deferred<Uint8Array>()));
  all.reduce(async (previous: Promise<void>, file, index) => {
    await previous; // one read at a time, so the first pieces arrive as early as they can
    if (index >= slots.length) await released[index - slots.length]!.promise;
    await readPieces(file, slots[index % slots.length]!, pieces[index]!);
  }, Promise.resolve());
  return {
    train,
    test,
    read: (index) => pieces[index]!.map((piece) => piece.promise),
    release: (index) => released[index]!.resolve(),
  };
};
