import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { throwIfAborted } from './aborted.ts';
import type { BatchFile, BatchReader } from './batch-reader.ts';
import { createDurableFile } from './durable-write.ts';
import type { DurableFile } from './durable-write.ts';
import { IMAGE_BYTES } from './manifest.ts';
import type { SplitEntry } from './manifest.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import { appendRecords, splitAccumulator } from './pure/split-accumulator.ts';
import type { SplitAccumulator } from './pure/split-accumulator.ts';
import { transposer } from './pure/transposer.ts';
import type { Transposer } from './pure/transposer.ts';
import type { SliceHasher } from './slice-hasher.ts';

/** Records per slice: 3 MB of output, small enough that the I/O callbacks are never kept waiting long. */
const SLICE_RECORDS = 1024;
/**
 * The output goes through a ring of 8 slices (24 MB, touched once, shared by both splits) rather
 * than a fresh buffer per split: first-touch page faults on 150 MB cost about as much as the
 * transposition itself.
 */
const RING_SLOTS = 8;

export interface Ring {
  readonly images: Transposer;
  /** Per slot, the write and hashing of its previous contents; `next` is the slot to fill. */
  readonly busy: Array<Promise<unknown> | undefined>;
  next: number;
}

/** `inputBytes`: room in the same wasm memory for a reader's buffers (`images.input`), read into and transposed in place. */
export const outputRing = (inputBytes = 0): Ring => ({ images: transposer(RING_SLOTS * SLICE_RECORDS, 'best', inputBytes), busy: [], next: 0 });

export interface SplitContext {
  readonly dir: string;
  readonly reader: BatchReader;
  readonly ring: Ring;
  readonly hasher: SliceHasher;
  readonly signal: AbortSignal | undefined;
  /** Every file opened, so that a failure can close them all. */
  readonly opened: DurableFile[];
}

interface Output {
  readonly split: SplitAccumulator;
  readonly file: DurableFile;
  readonly hash: ReturnType<SliceHasher['start']>;
}

/** Lets the event loop run the callbacks that start the next writes and syncs on the thread pool. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Transposes one slice into the next ring slot, once that slot's previous contents are written
 * and hashed, then hands it to the thread pool to be written and to the hashing worker, so the
 * main thread only transposes and no 150 MB digest is left for the end.
 */
const appendSlice = async ({ ring }: SplitContext, out: Output, records: Uint8Array): Promise<void> => {
  const slot = ring.next;
  ring.next = (slot + 1) % RING_SLOTS;
  await ring.busy[slot];
  const fileOffset = out.split.filled * IMAGE_BYTES;
  appendRecords(out.split, records, slot * SLICE_RECORDS);
  const from = slot * SLICE_RECORDS * IMAGE_BYTES;
  const bytes = ring.images.images.subarray(from, from + (records.length / RECORD_BYTES) * IMAGE_BYTES);
  // A failure here surfaces in the file's `finish` and the hash's `digest`; this only paces the ring.
  ring.busy[slot] = Promise.all([out.file.write(bytes, fileOffset), out.hash.update(bytes)]).catch(() => undefined);
};

/** Appends batch file `index` piece by piece, slice by slice; the source file's sha256 is hashed alongside and comes later. */
const appendBatch = async (context: SplitContext, out: Output, index: number): Promise<{ readonly digest: Promise<string> }> => {
  const sourceHash = context.hasher.start();
  for (const piece of context.reader.read(index)) {
    const bytes = await piece;
    for (let first = 0; first < bytes.length; first += SLICE_RECORDS * RECORD_BYTES) {
      const records = bytes.subarray(first, first + SLICE_RECORDS * RECORD_BYTES);
      await appendSlice(context, out, records);
      void sourceHash.update(records).catch(() => undefined); // reported by digest
      await yieldToIo();
    }
  }
  // The digest answers after every slice was read, so the reader may then reuse the buffer.
  const digest = sourceHash.digest();
  digest.then(() => context.reader.release(index), () => undefined);
  return { digest };
};

/** Writes one split's image and label files; `entry` waits for the disk and the digests. */
export const writeSplit = async (context: SplitContext, name: 'train' | 'test', files: ReadonlyArray<BatchFile>, firstIndex: number) => {
  // Sizes not a whole number of records are refused when the file is read, before its records are used.
  const count = files.reduce((sum, file) => sum + Math.floor(file.size / RECORD_BYTES), 0);
  const split = splitAccumulator(count, context.ring.images);
  const [images, labels] = [`${name}-images.u8`, `${name}-labels.u8`];
  const imageFile = await createDurableFile(join(context.dir, images));
  context.opened.push(imageFile);
  const labelFile = await createDurableFile(join(context.dir, labels));
  context.opened.push(labelFile);
  const out: Output = { split, file: imageFile, hash: context.hasher.start() };
  const sourceDigests: Promise<string>[] = [];
  for (let i = 0; i < files.length; i++) {
    throwIfAborted(context.signal);
    sourceDigests.push((await appendBatch(context, out, firstIndex + i)).digest);
  }
  void labelFile.write(split.labels, 0).catch(() => undefined); // finish reports it
  const entry = async (): Promise<{ readonly entry: SplitEntry; readonly sourceDigests: ReadonlyArray<string> }> => {
    const [imagesSha, digests] = await Promise.all([out.hash.digest(), Promise.all(sourceDigests), imageFile.finish(), labelFile.finish()]);
    const labelsSha = createHash('sha256').update(split.labels).digest('hex');
    return {
      entry: {
        count,
        perClassCounts: split.perClassCounts,
        images: { file: images, bytes: count * IMAGE_BYTES, sha256: imagesSha },
        labels: { file: labels, bytes: count, sha256: labelsSha },
      } as SplitEntry,
      sourceDigests: digests,
    };
  };
  return { split, entry };
};
