import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { throwIfAborted } from './aborted.ts';
import { createDurableFile, syncFolder, writeFileDurably } from './durable-write.ts';
import type { DurableFile } from './durable-write.ts';
import { FORMAT_VERSION, IMAGE_BYTES, MANIFEST_FILE, Manifest } from './manifest.ts';
import type { SplitEntry } from './manifest.ts';
import type { CheckedSource } from './pure/check-source.ts';
import { formatDecodeErrors } from './pure/format-decode-errors.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import type { SourceBatch } from './pure/source-files.ts';
import { appendRecords, channelMean, splitAccumulator } from './pure/split-accumulator.ts';
import type { SplitAccumulator } from './pure/split-accumulator.ts';
import type { SliceHasher } from './slice-hasher.ts';
import { rememberDigest } from './source-checksum.ts';

type Written = { readonly split: SplitAccumulator; readonly entry: () => Promise<SplitEntry> };

/** Records per slice: 3 MB of output, small enough that the I/O callbacks are never kept waiting long. */
const SLICE_RECORDS = 1024;
/**
 * The output goes through a ring of 8 slices (24 MB, touched once) rather than a fresh buffer of
 * the whole split: first-touch page faults on 150 MB cost about as much as the transposition.
 */
const RING_SLOTS = 8;

/** Lets the event loop run the callbacks that start the next writes and syncs on the thread pool. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Output {
  readonly split: SplitAccumulator;
  readonly file: DurableFile;
  readonly hash: ReturnType<SliceHasher['start']>;
  /** Per ring slot, the write and hashing of its previous contents. */
  readonly busy: Array<Promise<unknown> | undefined>;
}

/**
 * Transposes one slice into the next ring slot, once that slot's previous contents are written
 * and hashed, then hands it to the thread pool to be written and to the hashing worker, so no
 * 150 MB digest is left for the end and the main thread only transposes.
 */
const appendSlice = async (out: Output, records: Uint8Array): Promise<void> => {
  const slot = Math.floor(out.split.filled / SLICE_RECORDS) % RING_SLOTS;
  await out.busy[slot];
  const fileOffset = out.split.filled * IMAGE_BYTES;
  const from = slot * SLICE_RECORDS * IMAGE_BYTES;
  appendRecords(out.split, records, slot * SLICE_RECORDS);
  const bytes = out.split.images.subarray(from, from + (records.length / RECORD_BYTES) * IMAGE_BYTES);
  // A failure here surfaces in the file's `finish` and the hash's `digest`; this only paces the ring.
  out.busy[slot] = Promise.all([out.file.write(bytes, fileOffset), out.hash.update(bytes)]).catch(() => undefined);
};

/** Appends one batch file slice by slice; the main thread hashes the source slices meanwhile. */
const appendBatch = async (out: Output, batch: SourceBatch): Promise<void> => {
  const sourceHash = createHash('sha256');
  for (let first = 0; first < batch.bytes.length; first += SLICE_RECORDS * RECORD_BYTES) {
    const records = batch.bytes.subarray(first, first + SLICE_RECORDS * RECORD_BYTES);
    await appendSlice(out, records);
    sourceHash.update(records);
    await yieldToIo();
  }
  rememberDigest(batch, sourceHash.digest('hex'));
};

/** Writes one split's image and label files, batch file by batch file; `entry` waits for the disk. */
const writeSplit = async (
  dir: string,
  name: 'train' | 'test',
  batches: ReadonlyArray<SourceBatch>,
  context: { readonly signal: AbortSignal | undefined; readonly hasher: SliceHasher; readonly opened: DurableFile[] },
): Promise<Written> => {
  const count = batches.reduce((sum, batch) => sum + batch.bytes.length / RECORD_BYTES, 0);
  const split = splitAccumulator(count, { capacity: Math.min(count, RING_SLOTS * SLICE_RECORDS) });
  const [images, labels] = [`${name}-images.u8`, `${name}-labels.u8`];
  const imageFile = await createDurableFile(join(dir, images));
  context.opened.push(imageFile);
  const labelFile = await createDurableFile(join(dir, labels));
  context.opened.push(labelFile);
  const out: Output = { split, file: imageFile, hash: context.hasher.start(), busy: [] };
  for (const batch of batches) {
    throwIfAborted(context.signal);
    await appendBatch(out, batch);
  }
  void labelFile.write(split.labels, 0).catch(() => undefined); // finish reports it
  const entry = async (): Promise<SplitEntry> => {
    const [imagesSha] = await Promise.all([out.hash.digest(), imageFile.finish(), labelFile.finish()]);
    return {
      count,
      perClassCounts: split.perClassCounts,
      images: { file: images, bytes: count * IMAGE_BYTES, sha256: imagesSha },
      labels: { file: labels, bytes: count, sha256: createHash('sha256').update(split.labels).digest('hex') },
    } as SplitEntry;
  };
  return { split, entry };
};

const decodeOrThrow = (value: unknown): Manifest => {
  const decoded = Manifest.decode(value);
  if (decoded._tag === 'Left') throw new Error(`bug: the writer built an invalid manifest: ${formatDecodeErrors(decoded.left)}`);
  return decoded.right;
};

/**
 * Writes the data files and then `manifest.json` into `dir` (a fresh work folder), each fsynced,
 * then the folder itself. The manifest goes last: a folder without one is never a repository.
 */
export const writeSplits = async (
  dir: string,
  source: CheckedSource,
  checksum: () => string,
  options: { readonly signal?: AbortSignal | undefined; readonly hasher: SliceHasher },
): Promise<Manifest> => {
  const opened: DurableFile[] = [];
  const context = { signal: options.signal, hasher: options.hasher, opened };
  const entries = async () => {
    const train = await writeSplit(dir, 'train', source.train, context);
    const test = source.test.length > 0 ? await writeSplit(dir, 'test', source.test, context) : undefined;
    const [trainEntry, testEntry] = await Promise.all([train.entry(), test?.entry()]);
    const sourceChecksum = checksum();
    return { train, trainEntry, testEntry, sourceChecksum };
  };
  // On any failure, let the writes in flight end and close every file before the caller removes the folder.
  const { train, trainEntry, testEntry, sourceChecksum } = await entries().catch(async (error: unknown) => {
    await Promise.all(opened.map((file) => file.abandon()));
    throw error;
  });
  const manifest = decodeOrThrow({
    formatVersion: FORMAT_VERSION,
    layout: 'NHWC',
    dtype: 'uint8',
    imageShape: [32, 32, 3],
    classNames: source.classNames,
    trainMean: channelMean(train.split),
    splits: testEntry === undefined ? { train: trainEntry } : { train: trainEntry, test: testEntry },
    sourceChecksum,
    createdAt: new Date().toISOString(),
  });
  await writeFileDurably(join(dir, MANIFEST_FILE), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  await syncFolder(dir);
  return manifest;
};
