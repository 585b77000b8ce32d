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

/**
 * A new file written in regions, possibly while the caller computes the next region (each write
 * runs on libuv's thread pool), then fsynced, so that renaming its folder afterwards publishes
 * bytes that are really on disk. This is the fs boundary of the writer: every data byte of a
 * repository goes through here.
 */
export interface DurableFile {
  /**
   * Starts writing `bytes` at file offset `at`; resolves when `bytes` may be reused, and a
   * failure also surfaces in `finish`. Once written, the bytes are also handed to the disk
   * (fdatasync), so the disk works while the caller computes the next region instead of
   * receiving every byte at the final fsync.
   */
  readonly write: (bytes: Uint8Array, at: number) => Promise<void>;
  /** Waits for every region, fsyncs and closes; rejects with a `WriteFailure`. */
  readonly finish: () => Promise<void>;
  /** On a failure elsewhere: waits for the regions in flight and closes, without error. */
  readonly abandon: () => Promise<void>;
}

const writeChunks = async (handle: FileHandle, path: string, bytes: Uint8Array, at: number): Promise<void> => {
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const end = Math.min(offset + CHUNK, bytes.length);
    try {
      let done = offset;
      while (done < end) done += (await handle.write(bytes, done, end - done, at + done)).bytesWritten;
    } catch (error) {
      throw new WriteFailure(path, at + offset, error);
    }
  }
};

/**
 * Keeps at most one fdatasync of `handle` in flight (each one blocks a thread-pool thread until
 * the disk is done), starting another when regions were written meanwhile. Only a head start:
 * `finish` still fsyncs at the end, and an early failure is kept, because Linux reports a
 * writeback error to one sync only.
 */
const earlySyncs = (handle: FileHandle) => {
  let running: Promise<void> | undefined;
  let again = false;
  let failure: { readonly error: unknown } | undefined;
  const start = (): void => {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = handle
      .datasync()
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          start();
        }
      });
  };
  const settled = async (): Promise<{ readonly error: unknown } | undefined> => {
    while (running !== undefined) await running;
    return failure;
  };
  return { start, settled };
};

/** Creates `path`, which must not exist yet. */
export const createDurableFile = async (path: string): Promise<DurableFile> => {
  const handle = await open(path, 'wx');
  const syncs = earlySyncs(handle);
  const pending: Promise<void>[] = [];
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= handle.close());
  return {
    write: (bytes, at) => {
      // Small files (labels, manifest) gain nothing from a head start, and each sync is a disk flush.
      const writing = writeChunks(handle, path, bytes, at).then(() => (at + bytes.length >= CHUNK ? syncs.start() : undefined));
      writing.catch(() => undefined); // reported by finish, not as an unhandled rejection
      pending.push(writing);
      return writing;
    },
    finish: async () => {
      try {
        const results = await Promise.allSettled(pending);
        const failed = results.find((result) => result.status === 'rejected');
        if (failed !== undefined) throw failed.reason;
        const early = await syncs.settled();
        if (early !== undefined) throw new WriteFailure(path, 0, early.error);
        await handle.sync().catch((error: unknown) => Promise.reject(new WriteFailure(path, 0, error)));
      } finally {
        await close();
      }
    },
    abandon: async () => {
      await Promise.allSettled(pending);
      await syncs.settled();
      await close().catch(() => undefined);
    },
  };
};

/** Writes a whole small file durably (the manifest). */
export const writeFileDurably = async (path: string, bytes: Uint8Array): Promise<void> => {
  const file = await createDurableFile(path);
  void file.write(bytes, 0).catch(() => undefined); // finish reports it
  await file.finish();
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
