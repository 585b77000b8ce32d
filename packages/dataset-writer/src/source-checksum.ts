import { createHash } from 'node:crypto';
import type { CheckedSource } from './pure/check-source.ts';
import type { SourceBatch } from './pure/source-files.ts';

const digests = new WeakMap<Uint8Array, string>();

/** sha256 of one batch file, computed once per file's bytes. */
const batchDigest = (batch: SourceBatch): string => {
  const known = digests.get(batch.bytes);
  if (known !== undefined) return known;
  const digest = createHash('sha256').update(batch.bytes).digest('hex');
  digests.set(batch.bytes, digest);
  return digest;
};

/** Records the sha256 of `batch` computed elsewhere (the writer hashes each file while transposing it). */
export const rememberDigest = (batch: SourceBatch, digest: string): void => void digests.set(batch.bytes, digest);

/**
 * sha256 over a listing of `name size sha256` per batch file in canonical order plus the class
 * names, so a folder and a tarball of the same files give the same checksum.
 */
export const sourceChecksum = (source: CheckedSource): string => {
  const ordered = [...source.train, ...source.test];
  const listing = [
    ...ordered.map((batch) => `${batch.name} ${batch.bytes.length} ${batchDigest(batch)}`),
    `classes ${source.classNames.join(',')}`,
  ].join('\n');
  return createHash('sha256').update(`${listing}\n`).digest('hex');
};
