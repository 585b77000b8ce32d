import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.ts';
import { OFFICIAL_URL } from './download.ts';

describe('parseCliOptions', () => {
  it('defaults the source to the official URL and reads both flag spellings', () => {
    expect(parseCliOptions(['--out', 'r'])).toMatchObject({ _tag: 'Right', right: { source: OFFICIAL_URL, out: 'r', force: false } });
    expect(parseCliOptions(['--source=s', '--out=r', '--force'])).toMatchObject({ _tag: 'Right', right: { source: 's', out: 'r', force: true } });
  });

  it('says what is wrong in one line', () => {
    expect(parseCliOptions(['--source', 's'])).toEqual({ _tag: 'Left', left: '--out DIR is required' });
    expect(parseCliOptions(['--out', 'r', '--md5', 'abc'])).toEqual({ _tag: 'Left', left: 'field md5: expected 32 hex digits, got "abc"' });
    expect(parseCliOptions(['--out', 'r', 'extra'])).toMatchObject({ _tag: 'Left', left: expect.stringMatching(/Unexpected argument 'extra'/) });
  });

  it('accepts --help without --out', () => {
    expect(parseCliOptions(['--help'])).toMatchObject({ _tag: 'Right', right: { help: true } });
  });
});
