import { formatRatio, missing, renderMarkdownTable, type Column } from '@resnet-cifar/metrics/pure';
import { byDepthThenThreads, threadCount, type DepthMeasured, type DepthResult, type PytorchRow } from './depth-result.ts';
import type { MeasuredTorch } from './pytorch-table.ts';

/** One thread count of one depth: ours, the same depth's fewest threads, and PyTorch's at the same counts. */
export interface ScalingRow {
  readonly ours: DepthMeasured & { readonly wasmThreads: number };
  readonly fewest: ScalingRow['ours'];
  readonly torch?: MeasuredTorch;
  readonly torchFewest?: MeasuredTorch;
}

const onCpu = (r: PytorchRow): r is MeasuredTorch => r.status === 'measured' && (r.device === undefined || r.device === 'cpu');

/** Our wasm rows (those that name their thread count) with what each is compared with. */
export const scalingRows = (results: ReadonlyArray<DepthResult>, pytorch: ReadonlyArray<PytorchRow>): ReadonlyArray<ScalingRow> => {
  const ours = results
    .filter((r): r is ScalingRow['ours'] => r.status === 'measured' && r.wasmThreads !== undefined)
    .sort(byDepthThenThreads);
  const torchRows = pytorch.filter(onCpu);
  return ours.map((row) => {
    const fewest = ours.find((r) => r.depth === row.depth) ?? row;
    const torch = torchRows.find((t) => t.depth === row.depth && t.threads === row.wasmThreads);
    const torchFewest = torchRows.find((t) => t.depth === row.depth && t.threads === fewest.wasmThreads);
    return { ours: row, fewest, ...(torch ? { torch } : {}), ...(torchFewest ? { torchFewest } : {}) };
  });
};

const right = (header: string, cell: (r: ScalingRow) => string): Column<ScalingRow> => ({ header, align: 'right', cell });
const threadsOf = (r: ScalingRow['ours']): string => threadCount(r.wasmThreads);

const columns: ReadonlyArray<Column<ScalingRow>> = [
  right('`--depth` n', (r) => String(r.ours.depth)),
  right('threads', (r) => String(r.ours.wasmThreads)),
  right('this project train images/s', (r) => r.ours.pipeline.imagesPerSecond.toFixed(1)),
  right('speed-up', (r) => `${formatRatio(r.ours.pipeline.imagesPerSecond, r.fewest.pipeline.imagesPerSecond)} of ${threadsOf(r.fewest)}`),
  right('one-thread share', (r) => (r.ours.oneThreadShare === undefined ? missing : `${(100 * r.ours.oneThreadShare).toFixed(1)} %`)),
  right('PyTorch train images/s', (r) => r.torch?.trainImagesPerSecond.toFixed(1) ?? missing),
  right('PyTorch speed-up', (r) => formatRatio(r.torch?.trainImagesPerSecond, r.torchFewest?.trainImagesPerSecond)),
  right('this ÷ PyTorch (train)', (r) => formatRatio(r.ours.pipeline.imagesPerSecond, r.torch?.trainImagesPerSecond)),
];

/**
 * Each depth at each --wasm-threads count: pipeline images/s, the speed-up over the depth's
 * fewest threads, the share of a step only the main thread works (the bare loop's, outside the
 * jobs the kernel threads share), and PyTorch (CPU) at the same count. '' without wasm rows.
 */
export const renderScalingTable = (results: ReadonlyArray<DepthResult>, pytorch: ReadonlyArray<PytorchRow>): string => {
  const rows = scalingRows(results, pytorch);
  return rows.length === 0 ? '' : renderMarkdownTable(columns, rows);
};
