import { availableParallelism } from 'node:os';
import { backendOptionHelp, backendRequests, MAX_WASM_THREADS, wasmThreadsFor, type BackendRequest } from '@resnet-cifar/backend/pure';
import { int, kebab, nonNegativeInt, oneOf, option, optional, positiveInt, text, type Options } from '@resnet-cifar/cli-options';
import { recomputeModes, recomputeOptionHelp, type Recompute } from '@resnet-cifar/resnet-graph/pure';

export const OFFICIAL_SOURCE = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';

/**
 * What one depth's measurement takes: the parent decodes these once and hands them to every
 * child unchanged. Defaults fit all four depths on wasm on 2 cores in well under 15 minutes.
 */
export const measureOptionSpec = {
  backend: option(oneOf(backendRequests), backendOptionHelp, 'auto' as BackendRequest),
  batchSize: option(positiveInt, 'images per step', 128),
  wasmThreads: option(int(1, MAX_WASM_THREADS), 'threads on wasm: our SIMD kernels and XNNPACK (default: one per core); the PyTorch table shows them beside its own', wasmThreadsFor(availableParallelism())),
  warmup: option(nonNegativeInt, 'untimed training steps before the timed ones', 1),
  steps: option(positiveInt, 'timed training steps of the pipeline (their median is reported: a step moves by ±10-15 % on a shared machine)', 5),
  bareSteps: option(nonNegativeInt, 'timed steps of the bare loop (pre-built batch) for the overhead row; 0 skips it', 5),
  forwardSteps: option(nonNegativeInt, 'timed forward passes (model.predict) after one untimed; 0 skips them', 2),
  fullEpochs: option(nonNegativeInt, 'also train this many real epochs from scratch and report seconds per epoch and validation error', 0),
  dataDir: option(text, 'record repository (built from --source when missing)', 'data/cifar10-records'),
  source: option(text, 'CIFAR-10 folder of .bin files, cifar-10-binary.tar.gz, or URL', OFFICIAL_SOURCE),
  workers: option(nonNegativeInt, 'augmentation worker threads of the loader (as the train app)', 1),
  trainRecords: optional(positiveInt, 'use only the first N training records (short --full-epochs runs)', 'all'),
  valRecords: optional(positiveInt, 'validate on the first N test records only (short --full-epochs runs)', 'all'),
  seed: option(int(0, 2 ** 31 - 1), 'seed of initialisation, shuffling and augmentation', 0),
  recompute: option(oneOf(recomputeModes), recomputeOptionHelp, 'none' as Recompute),
};

export type MeasureOptions = Options<typeof measureOptionSpec>;

/** The options as argv again, for a child process. */
export const measureArgs = (options: MeasureOptions): string[] =>
  Object.keys(measureOptionSpec).flatMap((name) => {
    const value = options[name as keyof MeasureOptions];
    return value === undefined ? [] : [`--${kebab(name)}=${String(value)}`];
  });
