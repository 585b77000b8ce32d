import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';

/**
 * Writes a whole file by writing a temporary sibling and renaming it over the target, so a
 * reader (or a crash) never sees half a chart or half a table. Returns the path written.
 */
export const writeFileAtomic = (path: string, content: string | Uint8Array): E.Either<string, string> =>
  E.tryCatch(
    () => {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      writeFileSync(temporary, content);
      renameSync(temporary, path);
      return path;
    },
    (error) => `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`,
  );
