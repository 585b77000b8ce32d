import { describe, expect, it } from 'vitest';
import { combineReports } from '../pure/combine-reports.ts';
import { measuredDepth, sampleReport } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

describe('combining per-depth reports (one Nx task per depth)', () => {
  it('puts the depths side by side in order, sums the wall time and keeps the earliest start', () => {
    const next = seededRandom(testSeed('combine'));
    const base = sampleReport(next);
    const deep = { ...base, startedAt: '2026-11-28T21:00:00.000Z', depths: [measuredDepth(18, 25, next)], wallSeconds: 40, pytorch: [] };
    const shallow = { ...base, depths: [measuredDepth(3, 5, next)], wallSeconds: 10 };
    const combined = combineReports(deep, [shallow]);
    expect(combined.depths.map((d) => d.depth)).toEqual([3, 18]);
    expect(combined.wallSeconds).toBe(50);
    expect(combined.startedAt).toBe('2026-11-28T21:00:00.000Z');
    expect(combined.pytorch).toEqual(shallow.pytorch);
  });

  it('lets a later measurement of the same depth replace an earlier one (a re-run after a failure)', () => {
    const next = seededRandom(testSeed('combine rerun'));
    const base = sampleReport(next);
    const failed = { ...base, depths: [{ status: 'failed' as const, depth: 9, message: 'killed by SIGKILL' }] };
    const rerun = { ...base, depths: [measuredDepth(9, 12, next)] };
    expect(combineReports(failed, [rerun]).depths).toEqual(rerun.depths);
  });

  it('keeps a depth measured with --recompute blocks beside the same depth without it', () => {
    const next = seededRandom(testSeed('combine recompute'));
    const base = sampleReport(next);
    const plain = { ...base, depths: [measuredDepth(18, 25, next)] };
    const recomputed = { ...base, depths: [measuredDepth(18, 33, next, { recompute: 'blocks' }), measuredDepth(200, 300, next, { recompute: 'blocks' })] };
    const combined = combineReports(recomputed, [plain]);
    expect(combined.depths.map((d) => [d.depth, d.status === 'measured' ? (d.recompute ?? 'none') : ''])).toEqual([[18, 'none'], [18, 'blocks'], [200, 'blocks']]);
  });
});
