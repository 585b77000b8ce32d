import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { CLASS_COUNT, RECORD_BYTES } from './record-format.ts';

/** The size half of `validateRecords`: a file of `size` bytes holds a whole, non-zero number of records. */
export const validateSize = (file: string, size: number): E.Either<string, number> => {
  const whole = Math.floor(size / RECORD_BYTES);
  const extra = size - whole * RECORD_BYTES;
  if (size === 0) {
    return E.left(`${file}: the file is empty (0 bytes); re-download it or remove it from the source`);
  }
  if (extra !== 0) {
    return E.left(
      `${file}: ${size} bytes is not a multiple of the ${RECORD_BYTES}-byte record; ` +
        `record ${whole} at byte offset ${whole * RECORD_BYTES} is truncated (${extra} bytes); ` +
        're-download the file, it is incomplete',
    );
  }
  return E.right(whole);
};

/** The label half: whole records `records`, record `first` of the file onward, each labelled 0..9. */
export const validateLabels = (file: string, records: Uint8Array, first = 0): E.Either<string, void> => {
  for (let record = 0; record < records.length / RECORD_BYTES; record++) {
    const label = records[record * RECORD_BYTES] ?? 0;
    if (label >= CLASS_COUNT) {
      const offset = (first + record) * RECORD_BYTES;
      return E.left(
        `${file}: record ${first + record} (byte offset ${offset}) has label ${label}, outside 0..${CLASS_COUNT - 1}; ` +
          'the file is corrupt or not CIFAR-10 (CIFAR-100 has 2 label bytes), re-download it',
      );
    }
  }
  return E.right(undefined);
};

/**
 * Checks one CIFAR-10 batch file before any of it is used: a whole number of records and every
 * label in 0..9. Returns the record count, or one line naming the file, the record and its byte
 * offset, and what to do.
 */
export const validateRecords = (file: string, bytes: Uint8Array): E.Either<string, number> =>
  pipe(
    validateSize(file, bytes.length),
    E.chainFirst(() => validateLabels(file, bytes)),
  );
