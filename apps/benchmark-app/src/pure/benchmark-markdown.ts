import type { BenchmarkReport } from './depth-result.ts';
import { renderBenchmarkTable, renderOverheadTable } from './benchmark-table.ts';
import { NEON_EPOCH_IMAGES, stepsPerEpoch } from './extrapolate.ts';
import { renderMemoryGrowthTable } from './memory-growth.ts';
import { renderPytorchTable } from './pytorch-table.ts';
import { renderScalingTable } from './thread-scaling.ts';

const SCALING_NOTE = 'Threads on wasm: speed-up over the depth\'s fewest threads; one-thread share = the part of a bare-loop step outside the jobs the kernel threads share (at 1 thread: what more threads cannot shorten); PyTorch on the CPU at the same thread count.';

/** The device each measured depth ran on, once each (a GPU or WebGPU adapter is not in the machine line). */
const devicesOf = (report: BenchmarkReport): readonly string[] => [
  ...new Set(report.depths.flatMap((d) => (d.status === 'measured' ? [`${d.backend}: ${d.device}`] : []))),
];

const howMeasured = (report: BenchmarkReport): string => {
  const s = report.settings;
  const epoch = `${stepsPerEpoch(NEON_EPOCH_IMAGES, s.batchSize)} steps of ${s.batchSize}`;
  const seconds = s.fullEpochs > 0
    ? `seconds per epoch and validation error from ${s.fullEpochs} real epoch(s) of this repository's training split`
    : `seconds per epoch = median step x ${epoch} (neon's epoch of ${NEON_EPOCH_IMAGES.toLocaleString('en-US')} images; this repository has fewer, see benchmark.json)`;
  return [
    `Each depth in its own process, backend ${s.backend}, batch ${s.batchSize}: ${s.warmup} warm-up step(s), then ${s.steps} timed steps of the training pipeline (loader -> trainStep -> sgd.apply).`,
    `${seconds}. Memory: GPU memory per nvidia-smi where a GPU ran, else the child's peak RSS; tfjs peak: tfjs buffers at the peak of one training step, each buffer once; tfjs GPU buffers (webgpu): what tfjs holds on the GPU at the end, its reuse pool included, i.e. its peak. neon's figures: GTX TITAN X, 180 epochs.`,
    ...devicesOf(report).map((device) => `Ran on ${device}.`),
  ].join('\n');
};

/** The whole report as markdown: neon's table with the reference, overhead, failures, PyTorch. */
export const renderBenchmarkMarkdown = (report: BenchmarkReport): string => {
  const failures = report.depths.flatMap((d) => (d.status === 'failed' ? [`- n=${d.depth} failed: ${d.message}`] : []));
  const notes = report.depths.flatMap((d) => (d.status === 'measured' && d.note !== undefined ? [`- n=${d.depth} ${d.note}.`] : []));
  const growth = renderMemoryGrowthTable(report.depths);
  const overhead = renderOverheadTable(report.depths);
  const scaling = renderScalingTable(report.depths, report.pytorch ?? []);
  const pytorch = report.pytorch === undefined ? '' : renderPytorchTable(report.pytorch, report.depths);
  const machine = `${report.machine.cpuModel}, ${report.machine.cpus} cores, Node ${report.machine.node}`;
  // A --pytorch-only report measured none of this project's depths: no table of them to show.
  // GFM would read a line right under a table as one more row: blank lines between blocks.
  const ours = report.depths.length === 0 ? [] : ['', renderBenchmarkTable(report.depths), '', howMeasured(report)];
  const lines = [
    `# Benchmark: neon cifar10_msra table on ${machine}`,
    ...ours,
    ...(notes.length === 0 ? [] : ['', ...notes]),
    ...(growth === '' ? [] : ['', growth]),
    ...(overhead === '' ? [] : ['', overhead]),
    ...(scaling === '' ? [] : ['', scaling, '', SCALING_NOTE]),
    ...(failures.length === 0 ? [] : ['', 'Failed depths:', ...failures]),
    ...(pytorch === '' ? [] : ['', pytorch]),
    '',
    `Wall time ${report.wallSeconds.toFixed(0)} s, started ${report.startedAt}.`,
  ];
  // Tables end in a newline of their own; one blank line between blocks is enough.
  return `${lines.map((l) => l.replace(/\n$/, '')).join('\n')}\n`;
};
