import { availableParallelism } from 'node:os';
import { backendOptionHelp, backendRequests, MAX_WASM_THREADS, wasmThreadsFor, type BackendRequest } from '@resnet-cifar/backend/pure';
import { flag, int, oneOf, option, optional, positiveInt, text } from '@resnet-cifar/cli-options';
import { recomputeModes, recomputeOptionHelp, type Recompute } from '@resnet-cifar/resnet-graph/pure';

/** Options of the fine-tuning example (`nx run finetune-app:run`). */
export const fineTuneOptionSpec = {
  modelFile: optional(text, 'the saved model to start from (a train-app <output-dir>/model); required'),
  savePath: optional(text, 'where the fine-tuned model goes; required'),
  dataDir: option(text, 'record repository', 'data/cifar10-records'),
  trainRecords: option(positiveInt, 'fine-tune on the first N training records', 2000),
  valRecords: option(positiveInt, 'judge on the first N test records', 1000),
  epochs: option(positiveInt, 'epochs of fine-tuning', 5),
  batchSize: option(positiveInt, 'images per step', 64),
  schedule: option(text, 'learning-rate schedule (packages/optim grammar)', 'cosine:0.01@5'),
  flip: option(flag, 'judge with flip test-time augmentation', true),
  seed: option(int(0, 2 ** 31 - 1), 'seed of shuffling and augmentation', 0),
  recompute: option(oneOf(recomputeModes), recomputeOptionHelp, 'none' as Recompute),
  backend: option(oneOf(backendRequests), backendOptionHelp, 'auto' as BackendRequest),
  wasmThreads: option(int(1, MAX_WASM_THREADS), 'threads on wasm (default: one per core; the same result on any count)', wasmThreadsFor(availableParallelism())),
};

/** What the first line of a run shows. */
export const fineTuneSettings = [
  'modelFile', 'savePath', 'dataDir', 'trainRecords', 'valRecords', 'epochs', 'batchSize', 'schedule', 'flip', 'seed', 'recompute', 'backend', 'wasmThreads',
] as const;
