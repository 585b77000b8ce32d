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
 * Buffers the folder reader cycles through: the file being transposed and the next one. A third
 * (for the hashing worker's lag) measured slower: reading into fresh pages while transposing.
 */
const SLOTS = 2;

const released = (count: number) =>
  Array.from({ length: count }, () => {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  });

/**
 * Folder files (their `label` is the path) read ahead of the writer, one after the other, into
 * two reused shared buffers: reading overlaps the transposition, 60 MB of pages are touched
 * instead of 180 MB, and the hashing worker reads the source bytes in place. Reading starts at
 * once. Each file is validated as it arrives, with the same one-line messages as `checkSource`.
 */
export const folderBatchReader = (train: ReadonlyArray<BatchFile>, test: ReadonlyArray<BatchFile>): BatchReader => {
  const all = [...train, ...test];
  const largest = Math.max(...all.map((file) => file.size));
  const slots = Array.from({ length: Math.min(SLOTS, all.length) }, () => new Uint8Array(new SharedArrayBuffer(largest)));
  const done = released(all.length);
  const reads: Promise<Uint8Array>[] = [];
  all.forEach((file, index) => {
    const previous = reads[index - 1]?.catch(() => undefined);
    reads.push(
      (async () => {
        // One read at a time, so the first file arrives as early as it can.
        await previous;
        if (index >= slots.length) await done[index - slots.length]!.promise;
        const bytes = slots[index % slots.length]!.subarray(0, file.size);
        await readWhole(file, bytes).catch((error: unknown) => {
          throw new SourceFailure(`${file.label}: cannot read it (${errorMessage(error)}); check its permissions or remove it from the folder`);
        });
        const valid = validateRecords(file.label, bytes);
        if (valid._tag === 'Left') throw new SourceFailure(valid.left);
        return bytes;
      })(),
    );
    reads[index]!.catch(() => undefined); // reported when the writer asks for it
  });
  return { train, test, read: async (index) => reads[index]!, release: (index) => done[index]!.resolve() };
};
