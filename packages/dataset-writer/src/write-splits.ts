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
import { sha256Hex } from './sha256.ts';

type Written = { readonly split: SplitAccumulator; readonly entry: () => Promise<SplitEntry> };

/**
 * Transposes one split batch file by batch file; each file's region of the output is handed to
 * the thread pool as soon as it is ready, so disk writes overlap the next file's transposition.
 */
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
  for (const batch of batches) {
    throwIfAborted(signal);
    const from = split.filled;
    appendRecords(split, batch.bytes);
    imageFile.writeRegion(split.images, from * IMAGE_BYTES, split.filled * IMAGE_BYTES);
  }
  labelFile.writeRegion(split.labels, 0, count);
  const entry = async (): Promise<SplitEntry> => {
    // The digests (thread pool) run while the fsyncs wait for the disk.
    const [imagesSha, labelsSha] = await Promise.all([sha256Hex(split.images), sha256Hex(split.labels), imageFile.finish(), labelFile.finish()]);
    return {
      count,
      perClassCounts: split.perClassCounts,
      images: { file: images, bytes: split.images.length, sha256: imagesSha },
      labels: { file: labels, bytes: count, sha256: labelsSha },
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
  checksum: Promise<string>,
  signal?: AbortSignal,
): Promise<Manifest> => {
  const opened: DurableFile[] = [];
  const entries = async () => {
    const train = await writeSplit(dir, 'train', source.train, signal, opened);
    const test = source.test.length > 0 ? await writeSplit(dir, 'test', source.test, signal, opened) : undefined;
    const [trainEntry, testEntry, sourceChecksum] = await Promise.all([train.entry(), test?.entry(), checksum]);
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
