import { join } from 'node:path';
import { FORMAT_VERSION, IMAGE_BYTES, MANIFEST_FILE, Manifest } from './manifest.ts';
import type { AssembledSplits } from './pure/assemble-splits.ts';
import { channelMean } from './pure/split-accumulator.ts';
import type { SplitAccumulator } from './pure/split-accumulator.ts';
import { sha256Hex } from './sha256.ts';
import { syncFolder, writeFileDurably } from './durable-write.ts';
import { formatDecodeErrors } from './pure/format-decode-errors.ts';

const writeDataFile = async (dir: string, file: string, bytes: Uint8Array) => {
  // Hash (thread pool) and write (thread pool) the same buffer concurrently.
  const [sha256] = await Promise.all([sha256Hex(bytes), writeFileDurably(join(dir, file), bytes)]);
  return { file, bytes: bytes.length, sha256 };
};

const writeSplit = async (dir: string, name: 'train' | 'test', split: SplitAccumulator) => {
  const [images, labels] = await Promise.all([
    writeDataFile(dir, `${name}-images.u8`, split.images.subarray(0, split.filled * IMAGE_BYTES)),
    writeDataFile(dir, `${name}-labels.u8`, split.labels.subarray(0, split.filled)),
  ]);
  return { count: split.filled, perClassCounts: split.perClassCounts, images, labels };
};

/**
 * Writes the data files and then `manifest.json` into `dir` (a fresh work folder), each fsynced,
 * then the folder itself. The manifest goes last: a folder without one is never a repository.
 */
export const writeSplits = async (
  dir: string,
  splits: AssembledSplits,
  meta: { readonly classNames: ReadonlyArray<string>; readonly sourceChecksum: string },
): Promise<Manifest> => {
  const [train, test] = await Promise.all([
    writeSplit(dir, 'train', splits.train),
    splits.test === undefined ? Promise.resolve(undefined) : writeSplit(dir, 'test', splits.test),
  ]);
  const decoded = Manifest.decode({
    formatVersion: FORMAT_VERSION,
    layout: 'NHWC',
    dtype: 'uint8',
    imageShape: [32, 32, 3],
    classNames: meta.classNames,
    trainMean: channelMean(splits.train),
    splits: test === undefined ? { train } : { train, test },
    sourceChecksum: meta.sourceChecksum,
    createdAt: new Date().toISOString(),
  });
  if (decoded._tag === 'Left') throw new Error(`bug: the writer built an invalid manifest: ${formatDecodeErrors(decoded.left)}`);
  const json = `${JSON.stringify(decoded.right, null, 2)}\n`;
  await writeFileDurably(join(dir, MANIFEST_FILE), new TextEncoder().encode(json));
  await syncFolder(dir);
  return decoded.right;
};
