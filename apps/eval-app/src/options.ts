import { availableParallelism } from 'node:os';
import { backendOptionHelp, backendRequests, MAX_WASM_THREADS, wasmThreadsFor, type BackendRequest } from '@resnet-cifar/backend/pure';
import { flag, int, oneOf, option, optional, positiveInt, text } from '@resnet-cifar/cli-options';

/** Every option of `nx run eval-app:run`, like neon's cifar10_eval.py. */
export const evalOptionSpec = {
  modelFile: optional(text, 'the saved model folder (the train app writes <output-dir>/model); required'),
  dataDir: option(text, 'record repository', 'data/cifar10-records'),
  split: option(oneOf(['test', 'train'] as const), 'split to evaluate', 'test' as 'test' | 'train'),
  batchSize: option(positiveInt, 'images per forward pass', 128),
  records: optional(positiveInt, 'evaluate the first N records only', 'all'),
  flip: option(flag, 'test-time augmentation: average the softmax of each image and its mirror image', false),
  backend: option(oneOf(backendRequests), backendOptionHelp, 'auto' as BackendRequest),
  wasmThreads: option(int(1, MAX_WASM_THREADS), 'threads on wasm (default: one per core; the same result on any count)', wasmThreadsFor(availableParallelism())),
};

/** What the first line of a run shows. */
export const evalSettings = ['modelFile', 'dataDir', 'split', 'records', 'batchSize', 'flip', 'backend', 'wasmThreads'] as const;
