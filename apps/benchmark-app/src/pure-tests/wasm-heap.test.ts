import { describe, expect, it } from 'vitest';
import { renderBenchmarkMarkdown } from '../pure/benchmark-markdown.ts';
import { smallerBatch, WASM_HEAP_EXHAUSTED } from '../pure/wasm-heap.ts';
import { measuredDepth, sampleReport } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

describe('a step that does not fit the wasm heap', () => {
  it('is retried at half the batch, down to 16, and only for that reason', () => {
    const failed = `child exited with code 1: ${WASM_HEAP_EXHAUSTED} by one training step at batch 128: use a smaller --batch-size`;
    expect(smallerBatch(failed, 128)).toBe(64);
    expect(smallerBatch(failed, 32)).toBe(16);
    expect(smallerBatch(failed, 16)).toBeUndefined();
    expect(smallerBatch('child exited with code 1: failing on purpose (--fail-depth)', 128)).toBeUndefined();
  });

  it('is measured at the smaller batch, and the report says so under the table', () => {
    const next = seededRandom(testSeed('heap note'));
    const report = { ...sampleReport(next), depths: [measuredDepth(18, 14, next, { batchSize: 64, note: 'measured at batch 64: batch 128 does not fit the wasm heap (4 GiB)' })] };
    expect(renderBenchmarkMarkdown(report)).toContain('- n=18 measured at batch 64: batch 128 does not fit the wasm heap (4 GiB).');
  });
});
