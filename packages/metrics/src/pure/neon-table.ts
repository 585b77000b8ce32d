import { formatMiB, formatPercent, formatRatio, formatSeconds, missing } from './format-figures.ts';
import { type Column, renderMarkdownTable } from './markdown-table.ts';
import type { LabelledMemory } from './memory-figures.ts';
import { neonReferenceFor } from './neon-reference.ts';

/** One measured depth, as the benchmark app has it; errors are fractions. */
export interface NeonRow {
  readonly depth: number;
  /** 6n+2 when not given. */
  readonly layers?: number;
  readonly memory?: LabelledMemory;
  readonly secondsPerEpoch?: number;
  readonly valError?: number;
}

export type NeonColumn = Column<NeonRow>;

const right = (header: string, cell: (row: NeonRow) => string): NeonColumn => ({ header, align: 'right', cell });
const ref = (row: NeonRow) => neonReferenceFor(row.depth);

/** The README's own columns, measured here; memory says which memory it is. */
export const neonMeasuredColumns: ReadonlyArray<NeonColumn> = [
  right('`--depth` n', (r) => String(r.depth)),
  right('layers 6n+2', (r) => String(r.layers ?? 6 * r.depth + 2)),
  right('memory', (r) => (r.memory === undefined ? missing : `${formatMiB(r.memory.mib)} ${r.memory.label}`)),
  right('seconds per epoch', (r) => formatSeconds(r.secondsPerEpoch)),
  right('validation error', (r) => formatPercent(r.valError)),
];

/** neon's published figures (GTX TITAN X) and He et al.'s error, for the same depth. */
export const neonReferenceColumns: ReadonlyArray<NeonColumn> = [
  right('neon GPU memory', (r) => formatMiB(ref(r)?.gpuMiB)),
  right('neon seconds per epoch', (r) => formatSeconds(ref(r)?.secondsPerEpoch)),
  right('neon validation error', (r) => formatPercent(ref(r)?.valError)),
  right('He et al. error', (r) => formatPercent(ref(r)?.paperValError)),
];

/** Measured over neon's: how many times slower, and error relative to neon's. */
export const neonRatioColumns: ReadonlyArray<NeonColumn> = [
  right('seconds ÷ neon', (r) => formatRatio(r.secondsPerEpoch, ref(r)?.secondsPerEpoch)),
  right('error ÷ neon', (r) => formatRatio(r.valError, ref(r)?.valError)),
];

/**
 * neon's README table from measured rows, sorted by depth. Pass other columns (for
 * instance `[...neonMeasuredColumns, ...neonReferenceColumns, ...neonRatioColumns]`) to
 * put the reference beside the measurement.
 */
export const renderNeonTable = (
  rows: ReadonlyArray<NeonRow>,
  columns: ReadonlyArray<NeonColumn> = neonMeasuredColumns,
): string => renderMarkdownTable(columns, [...rows].sort((a, b) => a.depth - b.depth));
