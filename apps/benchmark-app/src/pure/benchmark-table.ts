import {
  formatMiB, formatRatio, formatSeconds, missing, MIB, neonMeasuredColumns, neonRatioColumns, neonReferenceColumns,
  renderMarkdownTable, type Column, type LabelledMemory, type NeonRow,
} from '@resnet-cifar/metrics/pure';
import { byDepthThenThreads, recomputeOf, resultLabel, threadsSuffix, type DepthMeasured, type DepthResult, type Timing } from './depth-result.ts';
import { overheadOf, OVERHEAD_LIMIT } from './overhead.ts';

/** A row of the table: neon's fields plus what this machine measured (absent for a failed depth). */
export interface BenchRow extends NeonRow {
  readonly measured?: DepthMeasured;
}

/** GPU memory where a GPU was measured, else the child's peak RSS: never tfjs bytes under a GPU name. */
export const memoryOf = (m: DepthMeasured): LabelledMemory =>
  m.memory.gpuBytes === undefined
    ? { label: 'peak RSS', mib: m.memory.peakRssBytes / MIB }
    : { label: 'GPU memory', mib: m.memory.gpuBytes / MIB };

export const rowOf = (result: DepthResult): BenchRow =>
  result.status === 'failed'
    ? { depth: result.depth }
    : {
        depth: result.depth, layers: result.layers, memory: memoryOf(result), measured: result,
        secondsPerEpoch: result.fullEpochs?.secondsPerEpoch ?? result.secondsPerEpoch,
        ...(result.fullEpochs ? { valError: result.fullEpochs.valError } : {}),
      };

const rate = (timing: Timing | undefined): string => (timing === undefined ? missing : timing.imagesPerSecond.toFixed(1));
const right = (header: string, cell: (m: DepthMeasured) => string): Column<BenchRow> => ({
  header, align: 'right', cell: (row) => (row.measured === undefined ? missing : cell(row.measured)),
});

/** What neon's README does not have but a reader of a CPU benchmark wants beside it. */
export const measuredDetailColumns: ReadonlyArray<Column<BenchRow>> = [
  right('wasm threads', (m) => (m.wasmThreads === undefined ? missing : String(m.wasmThreads))),
  { header: 'recompute', cell: (row) => (row.measured === undefined ? missing : recomputeOf(row.measured)) },
  right('train images/s', (m) => rate(m.pipeline)),
  right('forward images/s', (m) => rate(m.forward)),
  right('step median (spread)', (m) => `${formatSeconds(m.pipeline.medianSeconds)} s (±${((m.pipeline.spread * 100) / 2).toFixed(1)} %)`),
  right('tfjs peak', (m) => formatMiB(m.memory.peakTfjsBytes === undefined ? undefined : m.memory.peakTfjsBytes / MIB)),
  right('tfjs GPU buffers', (m) => formatMiB(m.memory.tfjsGpuBytes === undefined ? undefined : m.memory.tfjsGpuBytes / MIB)),
  right('parameters', (m) => m.trainableParameters.toLocaleString('en-US')),
  right('MACs per image', (m) => `${(m.macsPerImage / 1e6).toFixed(1)} M`),
];

/** neon's README table, measured here, beside neon's TITAN X figures and the ratio. */
export const renderBenchmarkTable = (results: ReadonlyArray<DepthResult>): string =>
  renderMarkdownTable<BenchRow>(
    [...neonMeasuredColumns, ...measuredDetailColumns, ...neonReferenceColumns, ...neonRatioColumns],
    [...results].sort(byDepthThenThreads).map(rowOf),
  );

interface OverheadRow {
  readonly name: string;
  readonly pipeline: number;
  readonly bare: number;
  /** No warm-up: the pipeline's timed steps include the first step's kernel assembly, the bare loop's do not. */
  readonly cold: boolean;
}

const overheadColumns: ReadonlyArray<Column<OverheadRow>> = [
  { header: 'overhead', cell: (r) => r.name },
  { header: 'pipeline step (median)', align: 'right', cell: (r) => `${formatSeconds(r.pipeline)} s` },
  { header: 'bare loop step (median)', align: 'right', cell: (r) => `${formatSeconds(r.bare)} s` },
  { header: 'pipeline ÷ bare', align: 'right', cell: (r) => formatRatio(r.pipeline, r.bare) },
  {
    header: `within ${Math.round((OVERHEAD_LIMIT - 1) * 100)} %`, align: 'center',
    cell: (r) => (r.cold ? 'n/a: --warmup 0' : overheadOf(r.pipeline, r.bare).withinLimit ? 'yes' : 'NO'),
  },
];

/** The sum of a group's medians, so the deep nets weigh as much as they cost. */
const allDepthsRow = (threads: number | undefined, rows: ReadonlyArray<OverheadRow>): OverheadRow => ({
  name: `all depths${threadsSuffix(threads)}`,
  pipeline: rows.reduce((s, r) => s + r.pipeline, 0),
  bare: rows.reduce((s, r) => s + r.bare, 0),
  cold: rows.some((r) => r.cold),
});

/**
 * Pipeline (loader, prefetch, sums) against a bare loop on one pre-built batch, per depth and,
 * per thread count, over all depths (a sum over thread counts would mix different machines' worth of cores).
 */
export const overheadRows = (results: ReadonlyArray<DepthResult>): ReadonlyArray<OverheadRow> => {
  const measured = [...results].sort(byDepthThenThreads).flatMap((r) => (r.status === 'measured' && r.bare !== undefined ? [r] : []));
  const threadCounts = [...new Set(measured.map((r) => r.wasmThreads))].sort((a, b) => (a ?? 0) - (b ?? 0));
  return threadCounts.flatMap((threads) => {
    const rows = measured
      .filter((r) => r.wasmThreads === threads)
      .map((r) => ({ name: resultLabel(r), pipeline: r.pipeline.medianSeconds, bare: r.bare?.medianSeconds ?? Number.NaN, cold: r.warmupSeconds.length === 0 }));
    return rows.length < 2 ? rows : [...rows, allDepthsRow(threads, rows)];
  });
};

const coldNote = 'n/a: with --warmup 0 the pipeline\'s timed steps include the first step (kernels assembled per shape) and the bare loop\'s do not; give --warmup 1 or more to compare them.';

export const renderOverheadTable = (results: ReadonlyArray<DepthResult>): string => {
  const rows = overheadRows(results);
  if (rows.length === 0) return '';
  const table = renderMarkdownTable(overheadColumns, rows);
  return rows.some((r) => r.cold) ? `${table}\n\n${coldNote}` : table;
};
