import { describe, expect, it } from 'vitest';
import { renderMarkdownTable } from '../pure/markdown-table.ts';
import { neonMeasuredColumns, neonRatioColumns, neonReferenceColumns, renderNeonTable } from '../pure/neon-table.ts';

describe('neon README table', () => {
  it('prints measured rows in neon\'s form, sorted by depth, memory named by what it is', () => {
    const table = renderNeonTable([
      { depth: 5, memory: { label: 'process RSS', mib: 1433.6 }, secondsPerEpoch: 3210.4, valError: 0.0731 },
      { depth: 3, memory: { label: 'GPU memory', mib: 521 }, secondsPerEpoch: 11.04, valError: 0.0829 },
    ]);
    expect(table).toBe(
      [
        '| `--depth` n | layers 6n+2 | memory | seconds per epoch | validation error |',
        '|---:|---:|---:|---:|---:|',
        '| 3 | 20 | 521 MiB GPU memory | 11.0 | 8.29 % |',
        '| 5 | 32 | 1434 MiB process RSS | 3210 | 7.31 % |',
        '',
      ].join('\n'),
    );
  });

  it('puts neon\'s and the paper\'s figures and ratios beside the measured ones', () => {
    const table = renderNeonTable([{ depth: 18, secondsPerEpoch: 600 }], [
      ...neonMeasuredColumns,
      ...neonReferenceColumns,
      ...neonRatioColumns,
    ]);
    expect(table.split('\n')[2]).toBe('| 18 | 110 | — | 600 | — | 1277 MiB | 60.0 | 6.00 % | 6.43 % | 10.00× | — |');
  });

  it('shows a dash for depths neon did not publish', () => {
    const table = renderNeonTable([{ depth: 7, valError: 0.07 }], neonReferenceColumns);
    expect(table.split('\n')[2]).toBe('| — | — | — | — |');
  });

  it('escapes pipes so a cell cannot add a column', () => {
    const table = renderMarkdownTable([{ header: 'a|b', cell: (r: string) => r }], ['x|y']);
    expect(table).toBe('| a\\|b |\n|---|\n| x\\|y |\n');
  });
});
