import type { CheckedSource } from './pure/check-source.ts';
import { sha256Hex } from './sha256.ts';

/**
 * sha256 over a listing of `name size sha256` per batch file in canonical order plus the class
 * names, so a folder and a tarball of the same files give the same checksum. The per-file
 * hashes run in parallel on the thread pool.
 */
export const sourceChecksum = async (source: CheckedSource): Promise<string> => {
  const ordered = [...source.train, ...source.test];
  const digests = await Promise.all(ordered.map((batch) => sha256Hex(batch.bytes)));
  const listing = [
    ...ordered.map((batch, i) => `${batch.name} ${batch.bytes.length} ${digests[i] ?? ''}`),
    `classes ${source.classNames.join(',')}`,
  ].join('\n');
  return sha256Hex(new TextEncoder().encode(`${listing}\n`));
};
