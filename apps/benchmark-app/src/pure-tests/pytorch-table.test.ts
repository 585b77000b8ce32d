import { describe, expect, it } from 'vitest';
import { renderPytorchTable } from '../pure/pytorch-table.ts';
import { measuredDepth } from './sample-results.ts';
import { seededUniform } from './test-seed.ts';

describe('renderPytorchTable', () => {
  it('puts each PyTorch thread count beside our figures, the threads we ran on, and the ratio', () => {
    const next = seededUniform('pytorch table');
    const ours = measuredDepth(3, 1.0, next, { device: 'CPU, wasm SIMD, 2 threads' });
    const torch = (threads: number, train: number) =>
      ({ status: 'measured', depth: 3, threads, batchSize: 128, version: '1.13.0', trainImagesPerSecond: train, forwardImagesPerSecond: 400 }) as const;
    const lines = renderPytorchTable([torch(1, 128), torch(2, 256)], [ours]).split('\n');
    expect(lines[0]).toContain('| PyTorch threads |');
    expect(lines[0]).toContain('| this project on |');
    expect(lines[2]).toMatch(/^\| 3 \| 1 \| 128\.0 \| 400\.0 \| CPU, wasm SIMD, 2 threads \| 128\.0 \| /);
    expect(lines[2]).toMatch(/\| 1\.00× \|$/);
    expect(lines[3]).toMatch(/\| 2\.00× \|$/);
  });

  it('says why PyTorch could not run, and leaves our columns empty for a depth we did not measure', () => {
    const text = renderPytorchTable(
      [{ status: 'measured', depth: 9, threads: 1, batchSize: 128, version: '1.13.0', trainImagesPerSecond: 50, forwardImagesPerSecond: 170 }, { status: 'unavailable', message: 'no torch' }],
      [],
    );
    expect(text).toContain('PyTorch: no torch');
    expect(text.split('\n')[2]).toMatch(/^\| 9 \| 1 \| 50\.0 \| 170\.0 \| — \| — \| — \| — \|$/);
  });
});
