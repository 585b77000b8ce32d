import { describe, expect, it } from 'vitest';
import { overheadOf } from '../pure/overhead.ts';
import { overheadRows, renderOverheadTable } from '../pure/benchmark-table.ts';
import { measuredDepth } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

describe('pipeline overhead against the bare loop', () => {
  it('accepts at most 5 % over the bare loop', () => {
    expect(overheadOf(1.049, 1)).toEqual({ ratio: 1.049, withinLimit: true });
    expect(overheadOf(1.051, 1).withinLimit).toBe(false);
    expect(overheadOf(0.97, 1).withinLimit).toBe(true); // noise can make the pipeline look faster
    expect(overheadOf(1, 0).withinLimit).toBe(false);
  });

  it('sums the medians over all depths, so the deep nets weigh as much as they cost', () => {
    const next = seededRandom(testSeed('overhead rows'));
    const a = measuredDepth(3, 2 + next(), next);
    const b = measuredDepth(18, 20 + next(), next);
    const rows = overheadRows([a, b]);
    expect(rows.map((r) => r.name)).toEqual(['n=3', 'n=18', 'all depths']);
    expect(rows[2]?.pipeline).toBeCloseTo(a.pipeline.medianSeconds + b.pipeline.medianSeconds, 9);
    expect(rows[2]?.bare).toBeCloseTo((a.bare?.medianSeconds ?? 0) + (b.bare?.medianSeconds ?? 0), 9);
  });

  it('sums per thread count, never one thread count\'s medians with another\'s', () => {
    const next = seededRandom(testSeed('overhead rows per thread count'));
    const at = (depth: number, threads: number) => measuredDepth(depth, depth / threads + next(), next, { wasmThreads: threads });
    const [a1, a2, b1, b2] = [at(3, 1), at(3, 2), at(18, 1), at(18, 2)];
    const rows = overheadRows([a2, b1, a1, b2]);
    expect(rows.map((r) => r.name)).toEqual([
      'n=3, 1 thread', 'n=18, 1 thread', 'all depths, 1 thread', 'n=3, 2 threads', 'n=18, 2 threads', 'all depths, 2 threads',
    ]);
    expect(rows[2]?.pipeline).toBeCloseTo(a1.pipeline.medianSeconds + b1.pipeline.medianSeconds, 9);
    expect(rows[5]?.bare).toBeCloseTo((a2.bare?.medianSeconds ?? 0) + (b2.bare?.medianSeconds ?? 0), 9);
  });

  it('says the comparison means nothing without a warm-up step, instead of judging it', () => {
    const next = seededRandom(testSeed('overhead cold'));
    const cold = measuredDepth(3, 2, next, { warmupSeconds: [] });
    const table = renderOverheadTable([{ ...cold, bare: { ...cold.pipeline, medianSeconds: cold.pipeline.medianSeconds / 3 } }]);
    expect(table).toMatch(/\| n\/a: --warmup 0 \|$/m);
    expect(table).not.toMatch(/\| (NO|yes) \|$/m);
    expect(table).toContain('give --warmup 1 or more');
  });

  it('marks a depth whose pipeline is more than 5 % slower', () => {
    const next = seededRandom(testSeed('overhead table'));
    const slow = measuredDepth(5, 4, next);
    const table = renderOverheadTable([{ ...slow, bare: { ...slow.pipeline, medianSeconds: slow.pipeline.medianSeconds / 1.2 } }]);
    expect(table).toContain('| n=5 |');
    expect(table).toContain('1.20×');
    expect(table).toMatch(/\| NO \|$/m);
  });

  it('has no rows when no bare loop ran', () => {
    const next = seededRandom(testSeed('no bare loop'));
    const { bare: _, ...noBare } = measuredDepth(3, 1, next);
    expect(renderOverheadTable([noBare])).toBe('');
  });
});
