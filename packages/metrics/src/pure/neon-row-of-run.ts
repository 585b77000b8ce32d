import type { EpochRow } from './epoch-row.ts';
import { type LabelledMemory, MIB } from './memory-figures.ts';
import type { NeonRow } from './neon-table.ts';

const median = (values: ReadonlyArray<number>): number | undefined => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Peak over the run: GPU memory when any epoch measured it, else process RSS (never tfjs bytes). */
const peakTableMemory = (rows: ReadonlyArray<EpochRow>): LabelledMemory | undefined => {
  if (rows.length === 0) return undefined;
  const gpu = rows.flatMap((r) => (r.gpuBytes === undefined ? [] : [r.gpuBytes]));
  return gpu.length > 0
    ? { label: 'GPU memory', mib: Math.max(...gpu) / MIB }
    : { label: 'process RSS', mib: Math.max(...rows.map((r) => r.rssBytes)) / MIB };
};

/**
 * One run summed up as a row of neon's table: the median seconds per epoch (the first
 * epoch pays for kernel compilation and warm-up; a median is not swayed by it), the peak
 * memory, and the last validation error measured.
 */
export const neonRowOfRun = (depth: number, rows: ReadonlyArray<EpochRow>): NeonRow => {
  const seconds = median(rows.map((r) => r.seconds));
  const memory = peakTableMemory(rows);
  const valError = [...rows].reverse().find((r) => r.valError !== undefined)?.valError;
  return {
    depth,
    ...(memory === undefined ? {} : { memory }),
    ...(seconds === undefined ? {} : { secondsPerEpoch: seconds }),
    ...(valError === undefined ? {} : { valError }),
  };
};
