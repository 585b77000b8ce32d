import { createHash } from 'node:crypto';
import type { BatchFile } from './batch-reader.ts';
import type { CheckedSource } from './pure/check-source.ts';

/**
 * sha256 over a listing of `name size sha256` per batch file in canonical order plus the class
 * names, so a folder and a tarball of the same files give the same checksum.
 */
export const listingChecksum = (files: ReadonlyArray<BatchFile>, digests: ReadonlyArray<string>, classNames: ReadonlyArray<string>): string => {
  const listing = [
    ...files.map((file, i) => `${file.name} ${file.size} ${digests[i] ?? ''}`),
    `classes ${classNames.join(',')}`,
  ].join('\n');
  return createHash('sha256').update(`${listing}\n`).digest('hex');
};

/** The checksum of a source in memory (to decide whether an existing repository can be reused). */
export const sourceChecksum = (source: CheckedSource): string => {
  const ordered = [...source.train, ...source.test];
  const files = ordered.map(({ name, label, bytes }) => ({ name, label, size: bytes.length }));
  const digests = ordered.map((batch) => createHash('sha256').update(batch.bytes).digest('hex'));
  return listingChecksum(files, digests, source.classNames);
};
