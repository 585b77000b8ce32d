import { availableParallelism } from 'node:os';
import { backendOptionHelp, backendRequests, MAX_WASM_THREADS, wasmThreadsFor, type BackendRequest } from '@resnet-cifar/backend/pure';
import { flag, fraction, int, nonNegativeInt, nonNegativeNumber, oneOf, option, optional, positiveInt, positiveNumber, text } from '@resnet-cifar/cli-options';
import { recomputeModes, recomputeOptionHelp, type Recompute } from '@resnet-cifar/resnet-graph/pure';

export const OFFICIAL_SOURCE = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';

/** Every option of `nx run train-app:run`, with neon's cifar10_msra.py defaults. */
export const trainOptionSpec = {
  depth: option(int(1, 200), 'n, residual modules per stage: the network has 6n+2 layers (3, 5, 9, 18 = ResNet-20/32/56/110)', 9),
  epochs: option(positiveInt, 'epochs to train', 180),
  batchSize: option(positiveInt, 'images per step', 128),
  lr: optional(positiveNumber, 'base learning rate, replacing the schedule\'s own (0.1 for step)'),
  momentum: option(fraction, 'SGD momentum', 0.9),
  weightDecay: option(nonNegativeNumber, 'L2 weight decay, added to the gradient as wd * w', 1e-4),
  schedule: option(text, 'learning-rate schedule (see packages/optim/README.md)', 'step:90,135'),
  shortcut: option(oneOf(['identity-projection', 'zero-pad', 'conv'] as const), 'shortcut where the shape changes', 'identity-projection' as 'identity-projection' | 'zero-pad' | 'conv'),
  padding: option(oneOf(['mean', 'zero'] as const), 'border of the 4-pixel pad before cropping', 'mean' as 'mean' | 'zero'),
  lastBatch: option(oneOf(['wrap', 'drop', 'partial'] as const), 'the last, short batch of an epoch', 'wrap' as 'wrap' | 'drop' | 'partial'),
  recompute: option(oneOf(recomputeModes), recomputeOptionHelp, 'none' as Recompute),
  dataDir: option(text, 'record repository (built from --source when missing)', 'data/cifar10-records'),
  source: option(text, 'CIFAR-10 folder of .bin files, cifar-10-binary.tar.gz, or URL', OFFICIAL_SOURCE),
  outputDir: option(text, 'folder for the log, CSV, plots, checkpoint and model', 'runs/cifar10-msra'),
  savePath: optional(text, 'where the final model goes: a new folder, a model saved before, or the output folder itself; never a folder of other files', '<output-dir>/model'),
  evalFreq: option(nonNegativeInt, 'validate every this many epochs (0: never)', 1),
  seed: option(int(0, 2 ** 31 - 1), 'seed of initialisation, shuffling and augmentation', 0),
  backend: option(oneOf(backendRequests), backendOptionHelp, 'auto' as BackendRequest),
  trainRecords: optional(positiveInt, 'train on the first N training records only (short runs)', 'all'),
  valRecords: optional(positiveInt, 'validate on the first N test records only (short runs)', 'all'),
  wasmThreads: option(int(1, MAX_WASM_THREADS), 'threads on wasm, for our SIMD kernels and XNNPACK (default: one per core; the result is the same bit for bit on any count)', wasmThreadsFor(availableParallelism())),
  workers: option(nonNegativeInt, 'augmentation worker threads (0: main thread)', 1),
  resume: option(flag, 'continue from <output-dir>/checkpoint.ckpt with the run\'s own settings (only --epochs, --eval-freq, --val-records, --recompute and the paths may change)', false),
};

/** What the first line of a run shows: everything that decides what is computed, and where (--lr in --schedule's note). */
export const trainSettings = [
  'depth', 'batchSize', 'epochs', 'trainRecords', 'valRecords', 'evalFreq', 'schedule', 'momentum', 'weightDecay',
  'shortcut', 'padding', 'lastBatch', 'recompute', 'seed', 'backend', 'wasmThreads', 'workers', 'resume',
] as const;
