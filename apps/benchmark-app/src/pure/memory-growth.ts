import { MIB, renderMarkdownTable, type Column } from '@resnet-cifar/metrics/pure';
import { recomputeOf, threadsSuffix, type DepthMeasured, type DepthResult } from './depth-result.ts';

/** How memory grows with n, fitted over the depths one setting measured. */
export interface MemoryGrowth {
  readonly recompute: string;
  readonly wasmThreads?: number;
  readonly depths: readonly number[];
  /** Least-squares slope of the tfjs peak of a step, bytes per unit of n. */
  readonly tfjsPeakPerN?: number;
  /** The same for the child's peak RSS. */
  readonly rssPerN: number;
}

/** Least-squares slope of y over x; undefined with fewer than two distinct x. */
export const slope = (points: ReadonlyArray<readonly [number, number]>): number | undefined => {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const [mx, my] = [mean(points.map(([x]) => x)), mean(points.map(([, y]) => y))];
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? undefined : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
};

/** Per --recompute and thread count measured at two depths or more: the memory each unit of n adds. */
export const memoryGrowth = (results: ReadonlyArray<DepthResult>): MemoryGrowth[] => {
  const groups = new Map<string, DepthMeasured[]>();
  for (const r of results) {
    if (r.status !== 'measured') continue;
    const key = `${recomputeOf(r)}/${r.wasmThreads ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].flatMap((rows) => {
    const first = rows[0] as DepthMeasured;
    const rss = slope(rows.map((r) => [r.depth, r.memory.peakRssBytes]));
    if (rss === undefined) return [];
    const peaks = rows.flatMap((r) => (r.memory.peakTfjsBytes === undefined ? [] : [[r.depth, r.memory.peakTfjsBytes] as const]));
    const tfjs = peaks.length === rows.length ? slope(peaks) : undefined;
    return [{
      recompute: recomputeOf(first),
      ...(first.wasmThreads === undefined ? {} : { wasmThreads: first.wasmThreads }),
      depths: rows.map((r) => r.depth).sort((a, b) => a - b),
      ...(tfjs === undefined ? {} : { tfjsPeakPerN: tfjs }),
      rssPerN: rss,
    }];
  });
};

const mibPerN = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / MIB).toFixed(1)} MiB`);

const columns: ReadonlyArray<Column<MemoryGrowth>> = [
  { header: 'memory growth per unit of n', cell: (g) => `--recompute ${g.recompute}${threadsSuffix(g.wasmThreads)}` },
  { header: 'fitted over n =', cell: (g) => g.depths.join(', ') },
  { header: 'tfjs peak of a step', align: 'right', cell: (g) => mibPerN(g.tfjsPeakPerN) },
  { header: 'process peak RSS', align: 'right', cell: (g) => mibPerN(g.rssPerN) },
];

/** The growth table, or '' where no setting was measured at two depths. */
export const renderMemoryGrowthTable = (results: ReadonlyArray<DepthResult>): string => {
  const rows = memoryGrowth(results);
  return rows.length === 0 ? '' : renderMarkdownTable(columns, rows);
};
