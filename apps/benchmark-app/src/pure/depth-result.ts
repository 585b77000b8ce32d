import * as t from 'io-ts';

const Seconds = t.array(t.number);

/** Step times of one timed window; `stepSeconds` are raw, one per step, in order. */
export const Timing = t.strict({
  steps: t.number,
  stepSeconds: Seconds,
  medianSeconds: t.number,
  /** (max - min) / median of the step times. */
  spread: t.number,
  imagesPerSecond: t.number,
});
export type Timing = t.TypeOf<typeof Timing>;

export const DepthMemory = t.intersection([
  t.strict({
    /** Peak of the process's resident set (getrusage maxrss): the child ran only this depth. */
    peakRssBytes: t.number,
    /** tfjs tensor bytes after the timed window (model, velocities, sums). */
    tfjsBytes: t.number,
  }),
  t.exact(t.partial({
    /** tfjs buffer bytes at the peak of one training step, each buffer once (@resnet-cifar/backend peakBufferBytes). */
    peakTfjsBytes: t.number,
    /** This process on the GPU, per nvidia-smi (tensorflow or webgpu on an NVIDIA GPU, where it lists the process). */
    gpuBytes: t.number,
    /**
     * webgpu: GPU buffers tfjs holds at the end of the measurement, in use or pooled. tfjs-backend-webgpu
     * keeps every buffer it frees for reuse, so this is the peak over every step measured.
     */
    tfjsGpuBytes: t.number,
  })),
]);
export type DepthMemory = t.TypeOf<typeof DepthMemory>;

export const FullEpochs = t.strict({ epochs: t.number, secondsPerEpoch: t.number, valError: t.number });
export type FullEpochs = t.TypeOf<typeof FullEpochs>;

/** One depth measured in its own process: what the child prints as its one JSON line. */
export const DepthMeasured = t.intersection([
  t.strict({
    status: t.literal('measured'),
    depth: t.number,
    layers: t.number,
    backend: t.string,
    device: t.string,
    batchSize: t.number,
    trainableParameters: t.number,
    macsPerImage: t.number,
    warmupSeconds: Seconds,
    pipeline: Timing,
    /** Extrapolated from the pipeline's median step: neon's epoch (50,000 images, 391 steps of 128). */
    secondsPerEpoch: t.number,
    /** The same for this repository's training split. */
    repositoryEpoch: t.strict({ images: t.number, steps: t.number, seconds: t.number }),
    memory: DepthMemory,
  }),
  t.exact(t.partial({
    bare: Timing, forward: Timing, fullEpochs: FullEpochs, note: t.string,
    /** wasm: the threads the child ran on (--wasm-threads). */
    wasmThreads: t.number,
    /** `blocks` where the child trained with gradient checkpointing (--recompute); absent: none. */
    recompute: t.string,
    /**
     * wasm: the part of the bare loop's step time outside the jobs the kernel threads share, in
     * 0..1: what only the main thread does. At one thread, what more threads cannot shorten.
     */
    oneThreadShare: t.number,
  })),
]);
export type DepthMeasured = t.TypeOf<typeof DepthMeasured>;

export const DepthFailed = t.intersection([
  t.strict({ status: t.literal('failed'), depth: t.number, message: t.string }),
  /** Set where the run measured more than one --wasm-threads count. */
  t.exact(t.partial({ wasmThreads: t.number })),
]);
export type DepthFailed = t.TypeOf<typeof DepthFailed>;

export const DepthResult = t.union([DepthMeasured, DepthFailed]);
export type DepthResult = t.TypeOf<typeof DepthResult>;

/** `1 thread`, `2 threads`. */
export const threadCount = (threads: number): string => `${threads} thread${threads === 1 ? '' : 's'}`;

/** `, 2 threads`, or '' where no thread count is named. */
export const threadsSuffix = (threads: number | undefined): string => (threads === undefined ? '' : `, ${threadCount(threads)}`);

/** `n=3`, or `n=3, 2 threads` where the result names its thread count, `, recompute blocks` where it used it. */
export const resultLabel = (r: DepthResult): string => {
  const recompute = recomputeOf(r) === 'none' ? '' : `, recompute ${recomputeOf(r)}`;
  return `n=${r.depth}${threadsSuffix(r.wasmThreads)}${recompute}`;
};

/** --recompute of a result: `none` unless it says otherwise. */
export const recomputeOf = (r: DepthResult): string => (r.status === 'measured' ? (r.recompute ?? 'none') : 'none');

const recomputeRank = (r: DepthResult): number => (recomputeOf(r) === 'none' ? 0 : 1);

/** By depth, then by thread count, then without recompute first: a depth's variants side by side. */
export const byDepthThenThreads = (a: DepthResult, b: DepthResult): number =>
  a.depth - b.depth || (a.wasmThreads ?? 0) - (b.wasmThreads ?? 0) || recomputeRank(a) - recomputeRank(b);

/** PyTorch on the same machine (tools/pytorch_resnet_bench.py), or why there is no figure. */
export const PytorchRow = t.union([
  t.intersection([
    t.strict({ status: t.literal('measured'), depth: t.number, threads: t.number, batchSize: t.number, version: t.string, trainImagesPerSecond: t.number, forwardImagesPerSecond: t.number }),
    /** device: 'cpu' or 'cuda, <GPU name>'; peakMemoryBytes (CUDA): the caching allocator's peak reservation while training. */
    t.exact(t.partial({ device: t.string, peakMemoryBytes: t.number })),
  ]),
  t.strict({ status: t.literal('unavailable'), message: t.string }),
]);
export type PytorchRow = t.TypeOf<typeof PytorchRow>;

/** benchmark.json: the whole run. */
export const BenchmarkReport = t.intersection([
  t.strict({
    formatVersion: t.literal(1),
    startedAt: t.string,
    machine: t.strict({ cpus: t.number, cpuModel: t.string, node: t.string, platform: t.string }),
    settings: t.strict({ backend: t.string, batchSize: t.number, steps: t.number, warmup: t.number, bareSteps: t.number, forwardSteps: t.number, fullEpochs: t.number, parallel: t.boolean }),
    depths: t.array(DepthResult),
    wallSeconds: t.number,
  }),
  t.exact(t.partial({ pytorch: t.array(PytorchRow) })),
]);
export type BenchmarkReport = t.TypeOf<typeof BenchmarkReport>;
