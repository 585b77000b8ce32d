import { formatMiB, formatRatio, formatSeconds, MIB, missing, neonReferenceFor, renderMarkdownTable, type Column } from '@resnet-cifar/metrics/pure';
import { memoryOf } from './benchmark-table.ts';
import { threadCount, type DepthMeasured, type DepthResult, type PytorchRow } from './depth-result.ts';
import { secondsPerEpoch } from './extrapolate.ts';

export type MeasuredTorch = Extract<PytorchRow, { status: 'measured' }>;

interface SideBySide {
  readonly torch: MeasuredTorch;
  readonly ours?: DepthMeasured;
}

const torchOn = (torch: MeasuredTorch): string =>
  torch.device === undefined || torch.device === 'cpu' ? `CPU, ${threadCount(torch.threads)}` : torch.device;

const right = (header: string, cell: (r: SideBySide) => string): Column<SideBySide> => ({ header, align: 'right', cell });

const columns: ReadonlyArray<Column<SideBySide>> = [
  right('`--depth` n', (r) => String(r.torch.depth)),
  { header: 'PyTorch on', align: 'left', cell: (r) => torchOn(r.torch) },
  right('PyTorch train images/s', (r) => r.torch.trainImagesPerSecond.toFixed(1)),
  right('PyTorch forward images/s', (r) => r.torch.forwardImagesPerSecond.toFixed(1)),
  right('PyTorch seconds per epoch', (r) => formatSeconds(secondsPerEpoch(r.torch.batchSize / r.torch.trainImagesPerSecond, r.torch.batchSize))),
  right('PyTorch GPU memory', (r) => (r.torch.peakMemoryBytes === undefined ? missing : `${formatMiB(r.torch.peakMemoryBytes / MIB)} reserved`)),
  { header: 'this project on', align: 'left', cell: (r) => r.ours?.device ?? missing },
  right('this project train images/s', (r) => r.ours?.pipeline.imagesPerSecond.toFixed(1) ?? missing),
  right('this project forward images/s', (r) => r.ours?.forward?.imagesPerSecond.toFixed(1) ?? missing),
  right('this project seconds per epoch', (r) => formatSeconds(r.ours?.secondsPerEpoch)),
  right('this project memory', (r) => {
    const memory = r.ours === undefined ? undefined : memoryOf(r.ours);
    return memory === undefined ? missing : `${formatMiB(memory.mib)} ${memory.label}`;
  }),
  right('neon seconds per epoch (TITAN X)', (r) => formatSeconds(neonReferenceFor(r.torch.depth)?.secondsPerEpoch)),
  right('neon GPU memory', (r) => formatMiB(neonReferenceFor(r.torch.depth)?.gpuMiB)),
  right('this ÷ PyTorch (train)', (r) => formatRatio(r.ours?.pipeline.imagesPerSecond, r.torch.trainImagesPerSecond)),
];

const onCpu = (torch: MeasuredTorch): boolean => torch.device === undefined || torch.device === 'cpu';

/**
 * Our figure for PyTorch's row: the same depth, and on a CPU the same thread count where ours
 * names one (a GPU row takes the depth's first figure).
 */
export const oursBeside = (torch: MeasuredTorch, results: ReadonlyArray<DepthResult>): DepthMeasured | undefined =>
  results.find(
    (r): r is DepthMeasured =>
      r.status === 'measured' && r.depth === torch.depth && (!onCpu(torch) || r.wasmThreads === undefined || r.wasmThreads === torch.threads),
  );

/**
 * PyTorch on the same machine (its CPU, or its GPU with --pytorch-device cuda) beside this
 * project's figures and neon's TITAN X ones, per depth; a line saying why when PyTorch could not run.
 */
export const renderPytorchTable = (rows: ReadonlyArray<PytorchRow>, results: ReadonlyArray<DepthResult>): string => {
  const unavailable = rows.flatMap((r) => (r.status === 'unavailable' ? [`PyTorch: ${r.message}`] : []));
  const measured = rows.flatMap((torch) => {
    if (torch.status !== 'measured') return [];
    const ours = oursBeside(torch, results);
    return [{ torch, ...(ours ? { ours } : {}) }];
  });
  const table = measured.length === 0 ? '' : renderMarkdownTable(columns, measured);
  return [table, ...unavailable].filter((s) => s !== '').join('\n');
};
