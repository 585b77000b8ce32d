import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { renderNeonTable } from '../pure/neon-table.ts';
import { useTempDir } from './testing/temp-dir.ts';
import { writeNeonTable } from './write-neon-table.ts';

const tempDir = useTempDir();

describe('neon table file', () => {
  it('writes the rendered table, replacing an older one whole', () => {
    const path = join(tempDir(), 'report', 'results.md');
    const rows = [{ depth: 3, secondsPerEpoch: 2800, valError: 0.091 }];
    writeNeonTable(path, [{ depth: 9 }]);
    expect(writeNeonTable(path, rows)).toEqual(E.right(path));
    expect(readFileSync(path, 'utf8')).toBe(renderNeonTable(rows));
  });
});
