import { describe, expect, it } from 'vitest';
import { randomRecords } from './test-support/fixtures.ts';
import { RECORD_BYTES } from './pure/record-format.ts';
import { validateRecords } from './pure/validate-records.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('validateRecords', () => {
  it('returns the record count of a well-formed file', () => {
    expect(validateRecords('a.bin', randomRecords(testSeed('valid'), 9))).toEqual({ _tag: 'Right', right: 9 });
  });

  it('names the truncated record and its byte offset when the size is not a multiple of 3073', () => {
    const bytes = randomRecords(testSeed('truncated'), 4).subarray(0, 3 * RECORD_BYTES + 100);
    const result = validateRecords('x/data_batch_2.bin', bytes);
    expect(result).toEqual({
      _tag: 'Left',
      left: expect.stringMatching(/^x\/data_batch_2\.bin: .*record 3 at byte offset 9219 is truncated.*re-download/),
    });
  });

  it('names the first record whose label is outside 0..9, with its byte offset', () => {
    const bytes = randomRecords(testSeed('label'), 6);
    bytes[4 * RECORD_BYTES] = 10;
    bytes[5 * RECORD_BYTES] = 200;
    const result = validateRecords('t.bin', bytes);
    expect(result).toEqual({
      _tag: 'Left',
      left: expect.stringMatching(/^t\.bin: record 4 \(byte offset 12292\) has label 10, outside 0\.\.9; .*re-download/),
    });
  });

  it('refuses an empty file', () => {
    expect(validateRecords('e.bin', new Uint8Array(0))._tag).toBe('Left');
  });
});
