import * as E from 'fp-ts/lib/Either.js';
import { type MonoTypeOperatorFunction, Observable } from 'rxjs';
import { type AppendFile, openAppendFile } from './append-file.ts';

export interface AppendLines<T> {
  /** The text to append for a value, newline included; '' writes nothing. */
  readonly lineOf: (value: T) => string;
  /** Whether to fsync after this value (e.g. at the end of an epoch). */
  readonly flushAfter: (value: T) => boolean;
  /** Written first when the file has no complete line yet (a CSV header). */
  readonly header?: string;
}

const writeOrFail = <T>(file: AppendFile, spec: AppendLines<T>, value: T): E.Either<string, void> =>
  E.tryCatch(
    () => {
      const line = spec.lineOf(value);
      if (line !== '') file.append(line);
      if (spec.flushAfter(value)) file.flush();
    },
    (error) => `cannot write to ${file.path}: ${error instanceof Error ? error.message : String(error)}`,
  );

/**
 * Passes values through unchanged, appending each one's line to `path` before passing it
 * on. The file is opened on subscription (a new subscription appends) and closed when the
 * stream ends; an open or write failure ends the stream with a one-line error.
 */
export const appendLines =
  <T>(path: string, spec: AppendLines<T>): MonoTypeOperatorFunction<T> =>
  (source) =>
    new Observable<T>((subscriber) => {
      const opened = openAppendFile(path);
      if (E.isLeft(opened)) {
        subscriber.error(new Error(opened.left));
        return undefined;
      }
      const file = opened.right;
      if (spec.header !== undefined && file.initialSize === 0) file.append(spec.header);
      const subscription = source.subscribe({
        next: (value) => {
          const written = writeOrFail(file, spec, value);
          if (E.isLeft(written)) subscriber.error(new Error(written.left));
          else subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        file.close();
      };
    });
