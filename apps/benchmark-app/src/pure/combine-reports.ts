import { byDepthThenThreads, recomputeOf, type BenchmarkReport } from './depth-result.ts';

/**
 * One report from several (e.g. one per depth, measured by separate Nx tasks on separate machines):
 * depths and PyTorch rows side by side, the earliest start, the summed wall time (machine time,
 * not elapsed time), the first report's machine and settings. Later reports win for a repeated depth (at the same thread count and --recompute).
 */
export const combineReports = (first: BenchmarkReport, others: ReadonlyArray<BenchmarkReport>): BenchmarkReport => {
  const all = [first, ...others];
  const byDepth = new Map(all.flatMap((r) => r.depths).map((d) => [`${d.depth}/${d.wasmThreads ?? ''}/${recomputeOf(d)}`, d] as const));
  const pytorch = all.flatMap((r) => r.pytorch ?? []);
  return {
    ...first,
    startedAt: all.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    depths: [...byDepth.values()].sort(byDepthThenThreads),
    wallSeconds: all.reduce((sum, r) => sum + r.wallSeconds, 0),
    ...(pytorch.length === 0 ? {} : { pytorch }),
  };
};
