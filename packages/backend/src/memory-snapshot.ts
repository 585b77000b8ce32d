import type * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { queryNvidiaSmi } from './nvidia-smi-query.ts';
import { gpuBytesInProcessTable, gpuBytesOfPid } from './pure/nvidia-smi.ts';

export interface MemorySnapshot {
  readonly tfjsTensors: number;
  readonly tfjsBytes: number;
  readonly rssBytes: number;
  /** This process's GPU memory per nvidia-smi; present only on `tensorflow` or `webgpu` on an NVIDIA GPU. */
  readonly gpuBytes?: number;
  /** On webgpu: the GPU buffers tfjs holds, in use or pooled for reuse (tfjs never frees pooled ones). */
  readonly tfjsGpuBytes?: number;
}

/** What tf.memory() adds on webgpu (tfjs-backend-webgpu's buffer manager). */
interface WebGpuMemory {
  readonly numBytesAllocatedInGPU?: number;
}

const gpuBytes = async (): Promise<O.Option<number>> => {
  const csv = await queryNvidiaSmi(['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits']);
  if (E.isLeft(csv)) return O.none;
  const compute = gpuBytesOfPid(csv.right, process.pid);
  if (O.isSome(compute)) return compute;
  // A Vulkan (webgpu) process may be listed as a graphics one, which the query above leaves out.
  const table = await queryNvidiaSmi([]);
  return E.isRight(table) ? gpuBytesInProcessTable(table.right, process.pid) : O.none;
};

/**
 * Memory as tfjs and the OS see it. GPU memory is asked of nvidia-smi only when a GPU backend
 * (`tensorflow`, `webgpu`) runs; when it lists no figure for this pid there is none to report
 * (a software adapter, or a container whose pids nvidia-smi does not see).
 * Spawns a process on those backends: sample per epoch, not per step.
 */
export const memorySnapshot = async (tfjs: Pick<typeof tf, 'memory' | 'getBackend'>): Promise<MemorySnapshot> => {
  const memory = tfjs.memory() as ReturnType<typeof tf.memory> & WebGpuMemory;
  const base = {
    tfjsTensors: memory.numTensors, tfjsBytes: memory.numBytes, rssBytes: process.memoryUsage().rss,
    ...(memory.numBytesAllocatedInGPU === undefined ? {} : { tfjsGpuBytes: memory.numBytesAllocatedInGPU }),
  };
  const backend = tfjs.getBackend();
  if (backend !== 'tensorflow' && backend !== 'webgpu') return base;
  const gpu = await gpuBytes();
  return O.isSome(gpu) ? { ...base, gpuBytes: gpu.value } : base;
};
