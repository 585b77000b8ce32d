import { describe, expect, it } from 'vitest';
import { renderBenchmarkMarkdown } from '../pure/benchmark-markdown.ts';
import { renderScalingTable } from '../pure/thread-scaling.ts';
import { measuredDepth, sampleReport } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

const torch = (depth: number, threads: number, train: number) =>
  ({ status: 'measured', depth, threads, batchSize: 128, version: '1.13.0', trainImagesPerSecond: train, forwardImagesPerSecond: 400 }) as const;

const cells = (line: string | undefined): string[] => line?.slice(2, -2).split(' | ') ?? [];

describe('the thread scaling table', () => {
  it('shows each depth at each thread count: speed-up, one-thread share, PyTorch at the same count, the ratio', () => {
    const next = seededRandom(testSeed('scaling table'));
    const one = measuredDepth(3, 1.0, next, { wasmThreads: 1, oneThreadShare: 0.235 });
    const two = measuredDepth(3, 0.5, next, { wasmThreads: 2, oneThreadShare: 0.4 });
    const deep = measuredDepth(9, 2.0, next, { wasmThreads: 2 });
    const lines = renderScalingTable([deep, two, one], [torch(3, 1, 160), torch(3, 2, 400), torch(9, 2, 80)]).split('\n');
    expect(cells(lines[0])).toEqual([
      '`--depth` n', 'threads', 'this project train images/s', 'speed-up', 'one-thread share', 'PyTorch train images/s', 'PyTorch speed-up', 'this ÷ PyTorch (train)',
    ]);
    // 128 and 256 images/s (steps of 1 s and 0.5 s); PyTorch 160 and 400.
    expect(cells(lines[2])).toEqual(['3', '1', '128.0', '1.00× of 1 thread', '23.5 %', '160.0', '1.00×', '0.80×']);
    expect(cells(lines[3])).toEqual(['3', '2', '256.0', '2.00× of 1 thread', '40.0 %', '400.0', '2.50×', '0.64×']);
    // A depth measured at one count is its own baseline; no share where the bare loop did not run.
    expect(cells(lines[4])).toEqual(['9', '2', '64.0', '1.00× of 2 threads', '—', '80.0', '1.00×', '0.80×']);
  });

  it('is left out where no result names its thread count (another backend, or an older report)', () => {
    const next = seededRandom(testSeed('scaling none'));
    expect(renderScalingTable([measuredDepth(3, 1, next)], [torch(3, 1, 100)])).toBe('');
    expect(renderBenchmarkMarkdown(sampleReport(next))).not.toContain('one-thread share');
  });

  it('is part of the report, after the overhead table, with what its columns mean', () => {
    const next = seededRandom(testSeed('scaling report'));
    const report = { ...sampleReport(next), depths: [measuredDepth(3, 1, next, { wasmThreads: 1, oneThreadShare: 0.1 })] };
    const markdown = renderBenchmarkMarkdown(report);
    expect(markdown.indexOf('| one-thread share |')).toBeGreaterThan(markdown.indexOf('| overhead |'));
    expect(markdown).toContain('one-thread share = the part of a bare-loop step outside the jobs the kernel threads share');
  });
});
