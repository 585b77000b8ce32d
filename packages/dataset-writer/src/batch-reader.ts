import { open } from 'node:fs/promises';
import { errorMessage } from './error-message.ts';
import type { CheckedSource } from './pure/check-source.ts';
import type { BatchFileName } from './pure/record-format.ts';
import { validateRecords } from './pure/validate-records.ts';

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
  /** The validated records of `train` then `test`, by index; rejects with a `SourceFailure`. */
  readonly read: (index: number) => Promise<Uint8Array>;
  readonly release: (index: number) => void;
}

/** A source already in memory and validated (tarball, download, or a folder read whole). */
export const memoryBatchReader = (source: CheckedSource): BatchReader => {
  const all = [...source.train, ...source.test];
  const file = ({ name, label, bytes }: CheckedSource['train'][number]): BatchFile => ({ name, label, size: bytes.length });
  return {
    train: source.train.map(file),
    test: source.test.map(file),
    read: async (index) => all[index]!.bytes,
    release: () => undefined,
  };
};

const readWhole = async (file: BatchFile, into: Uint8Array): Promise<void> => {
  const handle = await open(file.label, 'r');
  try {
    let done = 0;
    while (done < file.size) {
      const { bytesRead } = await handle.read(into, done, file.size - done, done);
      if (bytesRead === 0) throw new Error(`the file shrank to ${done} bytes while being read`);
      done += bytesRead;
    }
  } finally {
    await handle.close();
  }
};

/**
 * Folder files (their `label` is the path) read one ahead of the writer into two reused shared
 * buffers: reading overlaps the previous file's transposition, 60 MB of pages are touched instead
 * of 180 MB, and the hashing worker reads the source bytes in place. Each file is validated as
 * it arrives, with the same one-line messages as `checkSource`.
 */
export const folderBatchReader = (train: ReadonlyArray<BatchFile>, test: ReadonlyArray<BatchFile>): BatchReader => {
  const all = [...train, ...test];
  const largest = Math.max(...all.map((file) => file.size));
  const slots = [0, 1].map(() => new Uint8Array(new SharedArrayBuffer(largest)));
  const released = all.map(() => {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  });
  const reads = new Map<number, Promise<Uint8Array>>();
  const start = async (index: number): Promise<Uint8Array> => {
    const file = all[index]!;
    if (index >= 2) await released[index - 2]!.promise;
    const bytes = slots[index % 2]!.subarray(0, file.size);
    await readWhole(file, bytes).catch((error: unknown) => {
      throw new SourceFailure(`${file.label}: cannot read it (${errorMessage(error)}); check its permissions or remove it from the folder`);
    });
    const valid = validateRecords(file.label, bytes);
    if (valid._tag === 'Left') throw new SourceFailure(valid.left);
    return bytes;
  };
  const read = (index: number): Promise<Uint8Array> => {
    const reading = reads.get(index) ?? start(index);
    reads.delete(index);
    // Asking for a file starts reading the next one into the other buffer.
    if (index + 1 < all.length && !reads.has(index + 1)) {
      const next = start(index + 1);
      next.catch(() => undefined); // reported when the writer asks for it
      reads.set(index + 1, next);
    }
    return reading;
  };
  return { train, test, read, release: (index) => released[index]!.resolve() };
};
