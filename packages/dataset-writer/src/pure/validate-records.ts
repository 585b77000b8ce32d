import * as E from 'fp-ts/lib/Either.js';
import { CLASS_COUNT, RECORD_BYTES } from './record-format.ts';

/**
 * Checks one CIFAR-10 batch file before any of it is used: a whole number of records and every
 * label in 0..9. Returns the record count, or one line naming the file, the record and its byte
 * offset, and what to do.
 */
export const validateRecords = (file: string, bytes: Uint8Array): E.Either<string, number> => {
  const whole = Math.floor(bytes.length / RECORD_BYTES);
  const extra = bytes.length - whole * RECORD_BYTES;
  if (bytes.length === 0) {
    return E.left(`${file}: the file is empty (0 bytes); re-download it or remove it from the source`);
  }
  if (extra !== 0) {
    return E.left(
      `${file}: ${bytes.length} bytes is not a multiple of the ${RECORD_BYTES}-byte record; ` +
        `record ${whole} at byte offset ${whole * RECORD_BYTES} is truncated (${extra} bytes); ` +
        're-download the file, it is incomplete',
    );
  }
  for (let record = 0; record < whole; record++) {
    const offset = record * RECORD_BYTES;
    const label = bytes[offset] ?? 0;
    if (label >= CLASS_COUNT) {
      return E.left(
        `${file}: record ${record} (byte offset ${offset}) has label ${label}, outside 0..${CLASS_COUNT - 1}; ` +
          'the file is corrupt or not CIFAR-10 (CIFAR-100 has 2 label bytes), re-download it',
      );
    }
  }
  return E.right(whole);
};
