import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { errorMessage } from './error-message.ts';

/** Bytes per write call: small enough to name the failing offset, large enough to cost nothing. */
const CHUNK = 8 << 20;

/** A write failure that knows where it happened, so the one-line error can say it. */
export class WriteFailure extends Error {
  constructor(
    readonly path: string,
    readonly offset: number,
    readonly reason: unknown,
  ) {
    super(`${path}: write failed at byte offset ${offset} (${errorMessage(reason)})`);
  }
}

const writeAll = async (handle: FileHandle, path: string, bytes: Uint8Array): Promise<void> => {
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const end = Math.min(offset + CHUNK, bytes.length);
    try {
      let done = offset;
      while (done < end) done += (await handle.write(bytes, done, end - done, done)).bytesWritten;
    } catch (error) {
      throw new WriteFailure(path, offset, error);
    }
  }
};

/**
 * Creates `path` (it must not exist), writes all of `bytes` and fsyncs it, so that a rename of
 * its folder afterwards publishes data that is really on disk. This is the fs boundary of the
 * writer: every data byte of a repository goes through here.
 */
export const writeFileDurably = async (path: string, bytes: Uint8Array): Promise<void> => {
  const handle = await open(path, 'wx');
  try {
    await writeAll(handle, path, bytes);
    try {
      await handle.sync();
    } catch (error) {
      throw new WriteFailure(path, bytes.length, error);
    }
  } finally {
    await handle.close();
  }
};

/** fsync a folder so that the names created or renamed in it survive a crash. */
export const syncFolder = async (path: string): Promise<void> => {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};
