import { describe, expect, it } from 'vitest';
import { renderPytorchTable } from '../pure/pytorch-table.ts';
import { measuredDepth } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

const torch = (threads: number, train: number) =>
  ({ status: 'measured', depth: 3, threads, batchSize: 128, version: '1.13.0', trainImagesPerSecond: train, forwardImagesPerSecond: 400 }) as const;

describe('renderPytorchTable', () => {
  it('puts each PyTorch thread count beside our figures, the threads we ran on, neon\'s, and the ratio', () => {
    const next = seededRandom(testSeed('pytorch table'));
    // A report from before thread counts were recorded: each PyTorch row takes the depth's figure.
    const ours = measuredDepth(3, 1.0, next, { device: 'CPU, wasm SIMD, 2 threads' });
    const lines = renderPytorchTable([torch(1, 128), torch(2, 256)], [ours]).split('\n');
    expect(lines[0]).toContain('| PyTorch on |');
    expect(lines[0]).toContain('| this project on |');
    expect(lines[0]).toMatch(/\| this ÷ PyTorch \(train\) \|$/);
    // 391 steps of 128 at 128 images/s: 391 s; no GPU figure on a CPU; neon's n=3: 11 s, 521 MiB.
    expect(lines[2]).toMatch(/^\| 3 \| CPU, 1 thread \| 128\.0 \| 400\.0 \| 391 \| — \| CPU, wasm SIMD, 2 threads \| 128\.0 \| /);
    expect(lines[2]).toMatch(/\| 11\.0 \| 521 MiB \| 1\.00× \|$/);
    expect(lines[3]).toMatch(/^\| 3 \| CPU, 2 threads \|.*\| 0\.50× \|$/);
  });

  it('sets each PyTorch thread count beside our figure at the same count', () => {
    const next = seededRandom(testSeed('pytorch table threads'));
    const one = measuredDepth(3, 1.0, next, { wasmThreads: 1, device: 'CPU, wasm SIMD, 1 thread' });
    const two = measuredDepth(3, 0.64, next, { wasmThreads: 2, device: 'CPU, wasm SIMD, 2 threads' });
    const lines = renderPytorchTable([torch(1, 160), torch(2, 320), torch(4, 500)], [two, one]).split('\n');
    // 128 images in 1 s against 160; 200 images/s against 320; nothing of ours at 4 threads.
    expect(lines[2]).toMatch(/^\| 3 \| CPU, 1 thread \|.* CPU, wasm SIMD, 1 thread \| 128\.0 \|.*\| 0\.80× \|$/);
    expect(lines[3]).toMatch(/^\| 3 \| CPU, 2 threads \|.* CPU, wasm SIMD, 2 threads \| 200\.0 \|.*\| 0\.63× \|$/);
    expect(lines[4]).toMatch(/^\| 3 \| CPU, 4 threads \| 500\.0 \|.*\| — \| — \| — \| — \| — \| 11\.0 \| 521 MiB \| — \|$/);
  });

  it('says why PyTorch could not run, and leaves our columns empty for a depth we did not measure', () => {
    const text = renderPytorchTable(
      [{ status: 'measured', depth: 9, threads: 1, batchSize: 128, version: '1.13.0', trainImagesPerSecond: 50, forwardImagesPerSecond: 170 }, { status: 'unavailable', message: 'no torch' }],
      [],
    );
    expect(text).toContain('PyTorch: no torch');
    expect(text.split('\n')[2]).toMatch(/^\| 9 \| CPU, 1 thread \| 50\.0 \| 170\.0 \| 1001 \| — \| — \| — \| — \| — \| — \| 30\.0 \| 860 MiB \| — \|$/);
  });

  it('names the GPU PyTorch ran on and its peak reserved memory', () => {
    const next = seededRandom(testSeed('pytorch gpu table'));
    const ours = measuredDepth(5, 0.05, next, { device: 'WebGPU adapter nvidia hopper (NVIDIA H200)' });
    const torch = { status: 'measured', depth: 5, threads: 1, batchSize: 128, version: '2.11.0', device: 'cuda, NVIDIA H200', peakMemoryBytes: 300 * 2 ** 20, trainImagesPerSecond: 6400, forwardImagesPerSecond: 20000 } as const;
    const row = renderPytorchTable([torch], [ours]).split('\n')[2];
    expect(row).toMatch(/^\| 5 \| cuda, NVIDIA H200 \| 6400\.0 \| 20000\.0 \| 7\.82 \| 300 MiB reserved \| WebGPU adapter nvidia hopper \(NVIDIA H200\) \| /);
  });
});
