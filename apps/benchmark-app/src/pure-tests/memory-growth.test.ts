import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';
import { MIB } from '@resnet-cifar/metrics/pure';
import { memoryGrowth, renderMemoryGrowthTable, slope } from '../pure/memory-growth.ts';
import { measuredDepth } from './sample-results.ts';

// A depth whose memory is exactly base + perN * n.
const linear = (next: () => number, depth: number, perN: number, extra: Parameters<typeof measuredDepth>[3] = {}) => {
  const row = measuredDepth(depth, 1, next, extra);
  return { ...row, memory: { ...row.memory, peakRssBytes: (300 + 2 * perN * depth) * MIB, peakTfjsBytes: (100 + perN * depth) * MIB } };
};

describe('memory growth per unit of n', () => {
  it('is the least-squares slope', () => {
    expect(slope([[3, 10], [5, 14], [9, 22]])).toBeCloseTo(2, 12);
    expect(slope([[3, 10], [5, 12], [9, 22]])).toBeCloseTo(2.0714, 4);
    expect(slope([[3, 10], [3, 12]])).toBeUndefined();
  });

  it('is fitted per --recompute setting, each over the depths it measured, and never from one depth', () => {
    const next = seededRandom(testSeed('memory growth'));
    const results = [
      ...[3, 5, 9, 18].map((n) => linear(next, n, 40)),
      ...[18, 200].map((n) => linear(next, n, 15, { recompute: 'blocks' })),
      linear(next, 7, 99, { wasmThreads: 1 }),
      { status: 'failed' as const, depth: 12, message: 'out of memory' },
    ];
    const growth = memoryGrowth(results);
    expect(growth.map((g) => [g.recompute, g.depths])).toEqual([['none', [3, 5, 9, 18]], ['blocks', [18, 200]]]);
    expect((growth[0]?.tfjsPeakPerN ?? 0) / MIB).toBeCloseTo(40, 9);
    expect((growth[0]?.rssPerN ?? 0) / MIB).toBeCloseTo(80, 9);
    expect((growth[1]?.tfjsPeakPerN ?? 0) / MIB).toBeCloseTo(15, 9);
    const table = renderMemoryGrowthTable(results);
    expect(table).toContain('| --recompute none | 3, 5, 9, 18 | 40.0 MiB | 80.0 MiB |');
    expect(table).toContain('| --recompute blocks | 18, 200 | 15.0 MiB | 30.0 MiB |');
  });

  it('is left out where no setting has two depths', () => {
    const next = seededRandom(testSeed('memory growth one'));
    expect(renderMemoryGrowthTable([linear(next, 3, 40)])).toBe('');
  });
});
