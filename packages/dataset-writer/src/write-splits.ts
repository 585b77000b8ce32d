import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
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
import { rememberDigest } from './source-checksum.ts';

type Written = { readonly split: SplitAccumulator; readonly entry: () => Promise<SplitEntry> };

/** Records per slice: 3 MB of output, small enough that the I/O callbacks are never kept waiting long. */
const SLICE_RECORDS = 1024;

/** Lets the event loop run the callbacks that start the next writes and syncs on the thread pool. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Appends one batch file slice by slice: each slice of the output goes to the thread pool to be
 * written as soon as it is ready, and the main thread hashes it and the source slice meanwhile,
 * so no 150 MB digest is left for the end.
 */
const appendBatch = async (split: SplitAccumulator, batch: SourceBatch, imageFile: DurableFile, imageHash: Hash): Promise<void> => {
  const sourceHash = createHash('sha256');
  for (let first = 0; first < batch.bytes.length; first += SLICE_RECORDS * RECORD_BYTES) {
    const records = batch.bytes.subarray(first, first + SLICE_RECORDS * RECORD_BYTES);
    const from = split.filled * IMAGE_BYTES;
    appendRecords(split, records);
    imageFile.writeRegion(split.images, from, split.filled * IMAGE_BYTES);
    imageHash.update(split.images.subarray(from, split.filled * IMAGE_BYTES));
    sourceHash.update(records);
    await yieldToIo();
  }
  rememberDigest(batch, sourceHash.digest('hex'));
};

const writeSplit = async (
  dir: string,
  name: 'train' | 'test',
  batches: ReadonlyArray<SourceBatch>,
  signal: AbortSignal | undefined,
  opened: DurableFile[],
): Promise<Written> => {
  const count = batches.reduce((sum, batch) => sum + batch.bytes.length / RECORD_BYTES, 0);
  const split = splitAccumulator(count);
  const [images, labels] = [`${name}-images.u8`, `${name}-labels.u8`];
  const imageFile = await createDurableFile(join(dir, images));
  opened.push(imageFile);
  const labelFile = await createDurableFile(join(dir, labels));
  opened.push(labelFile);
  const imageHash = createHash('sha256');
  for (const batch of batches) {
    throwIfAborted(signal);
    await appendBatch(split, batch, imageFile, imageHash);
  }
  labelFile.writeRegion(split.labels, 0, count);
  const entry = async (): Promise<SplitEntry> => {
    await Promise.all([imageFile.finish(), labelFile.finish()]);
    return {
      count,
      perClassCounts: split.perClassCounts,
      images: { file: images, bytes: split.images.length, sha256: imageHash.digest('hex') },
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
  signal?: AbortSignal,
): Promise<Manifest> => {
  const opened: DurableFile[] = [];
  const entries = async () => {
    const train = await writeSplit(dir, 'train', source.train, signal, opened);
    const test = source.test.length > 0 ? await writeSplit(dir, 'test', source.test, signal, opened) : undefined;
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
