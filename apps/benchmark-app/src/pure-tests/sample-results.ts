import type { BenchmarkReport, DepthMeasured, Timing } from '../pure/depth-result.ts';

const timing = (stepSeconds: number[], batchSize: number): Timing => {
  const sorted = [...stepSeconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { steps: stepSeconds.length, stepSeconds, medianSeconds: median, spread: 0, imagesPerSecond: batchSize / median };
};

/** A measured depth whose step takes about `stepSeconds` (odd-length windows: the median is one of them). */
export const measuredDepth = (depth: number, stepSeconds: number, next: () => number, extra: Partial<DepthMeasured> = {}): DepthMeasured => {
  const steps = [stepSeconds * (1 + 0.02 * next()), stepSeconds, stepSeconds * (1 - 0.02 * next())];
  const pipeline = timing(steps, 128);
  return {
    status: 'measured', depth, layers: 6 * depth + 2, backend: 'wasm', device: 'CPU, wasm SIMD, 1 thread', batchSize: 128,
    trainableParameters: 1000 + Math.floor(next() * 1e6), macsPerImage: 1e7 + Math.floor(next() * 1e8),
    warmupSeconds: [stepSeconds * 2], pipeline, secondsPerEpoch: pipeline.medianSeconds * 391,
    repositoryEpoch: { images: 48000, steps: 375, seconds: pipeline.medianSeconds * 375 },
    memory: { peakRssBytes: Math.floor((500 + next() * 1000) * 2 ** 20), tfjsBytes: 123_456, peakTfjsBytes: 2 ** 30 },
    bare: timing(steps.map((s) => s * 0.99), 128), forward: timing(steps.map((s) => s / 3), 128),
    ...extra,
  };
};

export const sampleReport = (next: () => number): BenchmarkReport => ({
  formatVersion: 1, startedAt: '2026-11-28T22:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'AMD EPYC', node: 'v20.20.2', platform: 'linux x64' },
  settings: { backend: 'auto', batchSize: 128, steps: 3, warmup: 1, bareSteps: 3, forwardSteps: 2, fullEpochs: 0, parallel: false },
  depths: [measuredDepth(3, 4 + next(), next), { status: 'failed', depth: 5, message: 'child exited with code 1: out of memory' }, measuredDepth(9, 12 + next(), next)],
  wallSeconds: 100 + next() * 500,
  pytorch: [
    { status: 'measured', depth: 3, threads: 2, batchSize: 128, version: '1.13.0', trainImagesPerSecond: 150 + next(), forwardImagesPerSecond: 500 + next() },
    { status: 'unavailable', message: 'PyTorch not installed: apt-get install python3-torch' },
  ],
});
