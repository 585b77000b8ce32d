import { webcrypto } from 'node:crypto';

/**
 * sha256 as lowercase hex. WebCrypto's digest runs on libuv's thread pool, so hashing a 150 MB
 * split overlaps with the transposition and the writes on the main thread.
 */
export const sha256Hex = async (bytes: Uint8Array): Promise<string> =>
  Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
