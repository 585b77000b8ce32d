import { formatRatio, missing, renderMarkdownTable, type Column } from '@resnet-cifar/metrics/pure';
import type { DepthResult, PytorchRow } from './depth-result.ts';

interface SideBySide {
  readonly torch: Extract<PytorchRow, { status: 'measured' }>;
  readonly ours?: Extract<DepthResult, { status: 'measured' }>;
}

const columns: ReadonlyArray<Column<SideBySide>> = [
  { header: '`--depth` n', align: 'right', cell: (r) => String(r.torch.depth) },
  { header: 'PyTorch threads', align: 'right', cell: (r) => String(r.torch.threads) },
  { header: 'PyTorch train images/s', align: 'right', cell: (r) => r.torch.trainImagesPerSecond.toFixed(1) },
  { header: 'PyTorch forward images/s', align: 'right', cell: (r) => r.torch.forwardImagesPerSecond.toFixed(1) },
  { header: 'this project on', align: 'left', cell: (r) => r.ours?.device ?? missing },
  { header: 'this project train images/s', align: 'right', cell: (r) => r.ours?.pipeline.imagesPerSecond.toFixed(1) ?? missing },
  { header: 'this project forward images/s', align: 'right', cell: (r) => r.ours?.forward?.imagesPerSecond.toFixed(1) ?? missing },
  { header: 'PyTorch ÷ this (train)', align: 'right', cell: (r) => formatRatio(r.torch.trainImagesPerSecond, r.ours?.pipeline.imagesPerSecond) },
];

/** PyTorch on the same CPU beside this project's figures; a line saying why when PyTorch could not run. */
export const renderPytorchTable = (rows: ReadonlyArray<PytorchRow>, results: ReadonlyArray<DepthResult>): string => {
  const unavailable = rows.flatMap((r) => (r.status === 'unavailable' ? [`PyTorch: ${r.message}`] : []));
  const measured = rows.flatMap((torch) => {
    if (torch.status !== 'measured') return [];
    const ours = results.find((r): r is SideBySide['ours'] & object => r.status === 'measured' && r.depth === torch.depth);
    return [{ torch, ...(ours ? { ours } : {}) }];
  });
  const table = measured.length === 0 ? '' : renderMarkdownTable(columns, measured);
  return [table, ...unavailable].filter((s) => s !== '').join('\n');
};
