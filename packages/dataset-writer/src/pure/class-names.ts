import * as E from 'fp-ts/lib/Either.js';
import { CLASS_COUNT } from './record-format.ts';

/** Parses `batches.meta.txt`: the class names one per line, blank lines at the end ignored. */
export const parseClassNames = (file: string, text: string): E.Either<string, ReadonlyArray<string>> => {
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return names.length === CLASS_COUNT
    ? E.right(names)
    : E.left(
        `${file}: expected ${CLASS_COUNT} class names, one per line, found ${names.length}; ` +
          'replace it with the official batches.meta.txt or remove it to use the standard names',
      );
};
