import { describe, expect, it } from 'vitest';
import { renderBenchmarkMarkdown } from '../pure/benchmark-markdown.ts';
import { renderBenchmarkTable } from '../pure/benchmark-table.ts';
import { measuredDepth, sampleReport } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

const rowOf = (table: string, depth: number): string[] => {
  const line = table.split('\n').find((l) => l.startsWith(`| ${depth} |`));
  if (line === undefined) throw new Error(`no row for depth ${depth} in\n${table}`);
  return line.slice(2, -2).split(' | ');
};

describe("neon's table, measured here", () => {
  it("puts neon's TITAN X figures and the ratio beside the measured seconds per epoch", () => {
    const next = seededRandom(testSeed('table ratio'));
    const measured = measuredDepth(3, 5 + next(), next);
    const table = renderBenchmarkTable([measured]);
    const header = table.split('\n')[0]?.slice(2, -2).split(' | ') ?? [];
    const cell = (name: string) => rowOf(table, 3)[header.indexOf(name)];
    expect(cell('layers 6n+2')).toBe('20');
    expect(cell('neon GPU memory')).toBe('521 MiB');
    expect(cell('neon seconds per epoch')).toBe('11.0');
    expect(cell('neon validation error')).toBe('8.29 %');
    expect(cell('seconds ÷ neon')).toBe(`${(measured.secondsPerEpoch / 11).toFixed(2)}×`);
    expect(cell('memory')).toBe(`${(measured.memory.peakRssBytes / 2 ** 20).toFixed(0)} MiB peak RSS`);
    expect(cell('train images/s')).toBe(measured.pipeline.imagesPerSecond.toFixed(1));
    expect(cell('validation error')).toBe('—');
  });

  it('names GPU memory only when nvidia-smi measured it', () => {
    const next = seededRandom(testSeed('table gpu'));
    const measured = measuredDepth(18, 1, next);
    const table = renderBenchmarkTable([{ ...measured, memory: { ...measured.memory, gpuBytes: 1300 * 2 ** 20 } }]);
    expect(rowOf(table, 18)).toContain('1300 MiB GPU memory');
  });

  it('shows the validation error and real seconds per epoch of --full-epochs', () => {
    const next = seededRandom(testSeed('table full epochs'));
    const table = renderBenchmarkTable([measuredDepth(5, 1, next, { fullEpochs: { epochs: 2, secondsPerEpoch: 1234, valError: 0.4567 } })]);
    expect(rowOf(table, 5)).toEqual(expect.arrayContaining(['1234', '45.67 %', '7.26 %']));
  });

  it('keeps a failed depth as a row of dashes, sorted by depth, and lists why it failed', () => {
    const next = seededRandom(testSeed('table failure'));
    const report = sampleReport(next);
    const markdown = renderBenchmarkMarkdown(report);
    const depths = markdown.split('\n').filter((l) => /^\| \d+ \| \d+ \|/.test(l)).map((l) => Number(l.split(' | ')[0]?.slice(2)));
    expect(depths.slice(0, 3)).toEqual([3, 5, 9]);
    expect(rowOf(markdown, 5).slice(2, 11).every((c) => c === '—')).toBe(true);
    expect(markdown).toContain('- n=5 failed: child exited with code 1: out of memory');
    expect(markdown).toContain('| overhead |');
    expect(markdown).toContain('PyTorch: PyTorch not installed: apt-get install python3-torch');
    expect(markdown).not.toMatch(/\n\n\n/);
  });

  it('shows a --pytorch-only report as its PyTorch table alone, without an empty table of ours', () => {
    const next = seededRandom(testSeed('table pytorch only'));
    const report = { ...sampleReport(next), depths: [] };
    const markdown = renderBenchmarkMarkdown(report);
    expect(markdown).not.toContain('layers 6n+2');
    expect(markdown).not.toContain('Each depth in its own process');
    expect(markdown).toContain('PyTorch: PyTorch not installed: apt-get install python3-torch');
    expect(markdown).not.toMatch(/\n\n\n/);
  });
});
