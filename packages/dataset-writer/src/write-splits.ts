import { join } from 'node:path';
import type { BatchReader } from './batch-reader.ts';
import { syncFolder, writeFileDurably } from './durable-write.ts';
import type { DurableFile } from './durable-write.ts';
import { FORMAT_VERSION, MANIFEST_FILE, Manifest } from './manifest.ts';
import { formatDecodeErrors } from './pure/format-decode-errors.ts';
import { channelMean } from './pure/split-accumulator.ts';
import type { SliceHasher } from './slice-hasher.ts';
import { listingChecksum } from './source-checksum.ts';
import { outputRing, writeSplit } from './write-split.ts';
import type { Ring } from './write-split.ts';

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
  reader: BatchReader,
  classNames: () => Promise<ReadonlyArray<string>>,
  options: { readonly signal?: AbortSignal | undefined; readonly hasher: SliceHasher; readonly ring?: Ring | undefined },
): Promise<Manifest> => {
  const opened: DurableFile[] = [];
  const context = { dir, reader, ring: options.ring ?? outputRing(), hasher: options.hasher, signal: options.signal, opened };
  const entries = async () => {
    const train = await writeSplit(context, 'train', reader.train, 0);
    const test = reader.test.length > 0 ? await writeSplit(context, 'test', reader.test, reader.train.length) : undefined;
    const [trainEntry, testEntry, names] = await Promise.all([train.entry(), test?.entry(), classNames()]);
    const digests = [...trainEntry.sourceDigests, ...(testEntry?.sourceDigests ?? [])];
    const sourceChecksum = listingChecksum([...reader.train, ...reader.test], digests, names);
    return { train, trainEntry: trainEntry.entry, testEntry: testEntry?.entry, names, sourceChecksum };
  };
  // On any failure, let the writes in flight end and close every file before the caller removes the folder.
  const { train, trainEntry, testEntry, names, sourceChecksum } = await entries().catch(async (error: unknown) => {
    await Promise.all(opened.map((file) => file.abandon()));
    throw error;
  });
  const manifest = decodeOrThrow({
    formatVersion: FORMAT_VERSION,
    layout: 'NHWC',
    dtype: 'uint8',
    imageShape: [32, 32, 3],
    classNames: names,
    trainMean: channelMean(train.split),
    splits: testEntry === undefined ? { train: trainEntry } : { train: trainEntry, test: testEntry },
    sourceChecksum,
    createdAt: new Date().toISOString(),
  });
  await writeFileDurably(join(dir, MANIFEST_FILE), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  await syncFolder(dir);
  return manifest;
};
