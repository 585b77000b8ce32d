import { availableParallelism } from 'node:os';
import { MAX_WASM_THREADS, wasmThreadsFor } from '@resnet-cifar/backend/pure';
import { flag, intList, oneOf, option, optional, positiveInt, text, type Options } from '@resnet-cifar/cli-options';
import { MAX_DEPTH } from './depth-options.ts';
import { measureOptionSpec } from './measure-options.ts';
import { DEFAULT_PYTHON } from './run-pytorch.ts';

/** Every option of `nx run benchmark-app`; the measurement options are passed on to each depth's child. */
export const benchmarkOptionSpec = {
  depths: option(intList(1, MAX_DEPTH), 'depths n to measure, each in its own child process (6n+2 layers)', [3, 5, 9, 18] as number[]),
  ...measureOptionSpec,
  // A list here; each child gets one count of it.
  wasmThreads: option(
    intList(1, MAX_WASM_THREADS),
    'threads on wasm, one child per count and depth (e.g. 1,2: the scaling table shows the speed-up and the one-thread share); PyTorch is timed at the same counts unless --pytorch-threads says otherwise',
    [wasmThreadsFor(availableParallelism())] as number[],
  ),
  parallel: option(flag, 'run the depths\' children at the same time (only where cores and memory allow)', false),
  out: option(text, 'folder for benchmark.json, benchmark.md and the charts', 'runs/benchmark'),
  pytorch: option(flag, 'also time tools/pytorch_resnet_bench.py (same network, same batch) for a side-by-side row', false),
  python: option(text, 'the Python that runs the PyTorch script (the default falls back to /usr/bin/python3, where Debian\'s python3-torch is)', DEFAULT_PYTHON),
  pytorchThreads: optional(intList(1), 'PyTorch intra-op thread counts to time', 'the --wasm-threads counts'),
  pytorchDevice: option(oneOf(['cpu', 'cuda'] as const), 'where PyTorch runs (cuda: the GPU beside webgpu or tensorflow)', 'cpu' as 'cpu' | 'cuda'),
  pytorchOnly: option(flag, 'time PyTorch alone (implies --pytorch): for a machine where this project\'s backend cannot run, or to combine with --from', false),
  from: optional(text, 'measure nothing: combine these comma-separated benchmark.json files (one per depth, from separate Nx tasks) into one report'),
  failDepth: optional(positiveInt, 'testing: make this depth\'s child fail on purpose'),
};

export type BenchmarkOptions = Options<typeof benchmarkOptionSpec>;

/** PyTorch's thread counts: as given, else ours, so that each of our rows has a PyTorch row beside it. */
export const pytorchThreadsOf = (o: Pick<BenchmarkOptions, 'pytorchThreads' | 'wasmThreads'>): readonly number[] => o.pytorchThreads ?? o.wasmThreads;

/**
 * Options that cannot go together, as one line; undefined when they can. `backend` is the
 * backend the children will run (auto resolved).
 */
export const conflictingOptions = (o: Pick<BenchmarkOptions, 'wasmThreads' | 'parallel'>, backend: string): string | undefined => {
  if (o.wasmThreads.length < 2) return undefined;
  if (backend !== 'wasm') return `--wasm-threads ${o.wasmThreads.join(',')}: several thread counts are measured on wasm only (this run's backend is ${backend}): give one count, or --backend=wasm`;
  if (o.parallel) return `--parallel with --wasm-threads ${o.wasmThreads.join(',')}: children at the same time would share the cores the thread counts are compared on: drop --parallel`;
  return undefined;
};

/** What the first line of a run shows (the children's options, as they get them). */
export const benchmarkSettings = [
  'depths', 'batchSize', 'warmup', 'steps', 'bareSteps', 'forwardSteps', 'fullEpochs', 'trainRecords', 'valRecords', 'seed',
  'recompute', 'backend', 'wasmThreads', 'workers', 'parallel', 'pytorch', 'pytorchThreads', 'pytorchDevice', 'out',
] as const;

/** The first line of a --pytorch-only run. */
export const pytorchSettings = ['depths', 'batchSize', 'warmup', 'steps', 'pytorchOnly', 'pytorchDevice', 'pytorchThreads', 'python', 'out'] as const;
