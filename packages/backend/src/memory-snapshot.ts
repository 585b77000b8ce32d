import type * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { queryNvidiaSmi } from './nvidia-smi-query.ts';
import { gpuBytesOfPid } from './pure/nvidia-smi.ts';

export interface MemorySnapshot {
  readonly tfjsTensors: number;
  readonly tfjsBytes: number;
  readonly rssBytes: number;
  /** This process's GPU memory per nvidia-smi; present only for `tensorflow` on a GPU. */
  readonly gpuBytes?: number;
}

const gpuBytes = async (): Promise<O.Option<number>> => {
  const csv = await queryNvidiaSmi(['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits']);
  return E.isRight(csv) ? gpuBytesOfPid(csv.right, process.pid) : O.none;
};

/**
 * Memory as tfjs and the OS see it. GPU memory is asked of nvidia-smi only when the
 * `tensorflow` backend runs; when it lists no figure for this pid there is none to report.
 * Spawns a process on that backend: sample per epoch, not per step.
 */
export const memorySnapshot = async (tfjs: Pick<typeof tf, 'memory' | 'getBackend'>): Promise<MemorySnapshot> => {
  const { numTensors, numBytes } = tfjs.memory();
  const base = { tfjsTensors: numTensors, tfjsBytes: numBytes, rssBytes: process.memoryUsage().rss };
  if (tfjs.getBackend() !== 'tensorflow') return base;
  const gpu = await gpuBytes();
  return O.isSome(gpu) ? { ...base, gpuBytes: gpu.value } : base;
};
