import { flag, intList, oneOf, option, optional, positiveInt, text } from '@resnet-cifar/cli-options';
import { MAX_DEPTH } from './depth-options.ts';
import { measureOptionSpec } from './measure-options.ts';
import { DEFAULT_PYTHON } from './run-pytorch.ts';

/** Every option of `nx run benchmark-app`; the measurement options are passed on to each depth's child. */
export const benchmarkOptionSpec = {
  depths: option(intList(1, MAX_DEPTH), 'depths n to measure, each in its own child process (6n+2 layers)', [3, 5, 9, 18] as number[]),
  ...measureOptionSpec,
  parallel: option(flag, 'run the depths\' children at the same time (only where cores and memory allow)', false),
  out: option(text, 'folder for benchmark.json, benchmark.md and the charts', 'runs/benchmark'),
  pytorch: option(flag, 'also time tools/pytorch_resnet_bench.py (same network, same batch) for a side-by-side row', false),
  python: option(text, 'the Python that runs the PyTorch script (the default falls back to /usr/bin/python3, where Debian\'s python3-torch is)', DEFAULT_PYTHON),
  pytorchThreads: option(intList(1), 'PyTorch intra-op thread counts to time', [1, 2] as number[]),
  pytorchDevice: option(oneOf(['cpu', 'cuda'] as const), 'where PyTorch runs (cuda: the GPU beside webgpu or tensorflow)', 'cpu' as 'cpu' | 'cuda'),
  pytorchOnly: option(flag, 'time PyTorch alone (implies --pytorch): for a machine where this project\'s backend cannot run, or to combine with --from', false),
  from: optional(text, 'measure nothing: combine these comma-separated benchmark.json files (one per depth, from separate Nx tasks) into one report'),
  failDepth: optional(positiveInt, 'testing: make this depth\'s child fail on purpose'),
};

/** What the first line of a run shows (the children's options, as they get them). */
export const benchmarkSettings = [
  'depths', 'batchSize', 'warmup', 'steps', 'bareSteps', 'forwardSteps', 'fullEpochs', 'trainRecords', 'valRecords', 'seed',
  'backend', 'wasmThreads', 'workers', 'parallel', 'pytorch', 'pytorchDevice', 'out',
] as const;

/** The first line of a --pytorch-only run. */
export const pytorchSettings = ['depths', 'batchSize', 'warmup', 'steps', 'pytorchOnly', 'pytorchDevice', 'pytorchThreads', 'python', 'out'] as const;
