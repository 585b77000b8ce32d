import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A file opened for appending whole lines. Writes are synchronous and unbuffered in this
 * process, so a line is in the kernel before the next event is handled: a crash of the
 * process loses nothing written; `flush` (fsync) also survives the machine going down.
 */
export interface AppendFile {
  readonly path: string;
  /** Bytes in the file when opened (after dropping a cut-off last line). */
  readonly initialSize: number;
  readonly append: (text: string) => void;
  readonly flush: () => void;
  readonly close: () => void;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Length of the file up to and including its last newline (0 if it has none). */
const completeLength = (fd: number, size: number): number => {
  const chunk = Buffer.alloc(4096);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const at = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
};

const writeAll = (fd: number, text: string): void => {
  const bytes = Buffer.from(text, 'utf8');
  // writeSync may write fewer bytes than asked; a half line is what we must never leave
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
};

/**
 * Opens (creating folder and file) for appending. A resumed run appends to a log a crash
 * may have cut mid-line; that fragment is dropped first, or the next line would be glued
 * to it. A failure is a one-line message naming the file.
 */
export const openAppendFile = (path: string): E.Either<string, AppendFile> =>
  E.tryCatch(
    () => {
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'a+');
      const size = fstatSync(fd).size;
      const complete = completeLength(fd, size);
      if (complete < size) ftruncateSync(fd, complete);
      let open = true;
      return {
        path,
        initialSize: complete,
        append: (text: string) => writeAll(fd, text),
        flush: () => fsyncSync(fd),
        close: () => {
          if (open) closeSync(fd);
          open = false;
        },
      };
    },
    (error) => `cannot open ${path} for appending: ${reason(error)}`,
  );
