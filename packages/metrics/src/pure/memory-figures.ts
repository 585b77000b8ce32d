import * as t from 'io-ts';
import { Count } from './real-number.ts';

/**
 * What memory a run used, each figure named by what it measured. `tfjsBytes` is what tfjs
 * has allocated for tensors (`tf.memory().numBytes`): on tfjs-node that is host memory, not
 * GPU memory. `tfjsGpuBytes` (webgpu only) is the GPU buffers tfjs holds, its pool included;
 * `gpuBytes` is this process on the device as nvidia-smi sees it.
 */
export const MemoryFigures = t.intersection([
  t.strict({
    tfjsTensors: Count,
    tfjsBytes: Count,
    rssBytes: Count,
  }),
  t.exact(t.partial({ gpuBytes: Count, tfjsGpuBytes: Count })),
]);
export type MemoryFigures = t.TypeOf<typeof MemoryFigures>;

const max = (a: number, b: number): number => Math.max(a, b);

const maxOfSeen = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : max(a, b);

/** Peak of two samples, figure by figure; a GPU figure seen once is kept. */
export const peakMemory = (a: MemoryFigures, b: MemoryFigures): MemoryFigures => {
  const gpu = maxOfSeen(a.gpuBytes, b.gpuBytes);
  const tfjsGpu = maxOfSeen(a.tfjsGpuBytes, b.tfjsGpuBytes);
  return {
    tfjsTensors: max(a.tfjsTensors, b.tfjsTensors),
    tfjsBytes: max(a.tfjsBytes, b.tfjsBytes),
    rssBytes: max(a.rssBytes, b.rssBytes),
    ...(gpu === undefined ? {} : { gpuBytes: gpu }),
    ...(tfjsGpu === undefined ? {} : { tfjsGpuBytes: tfjsGpu }),
  };
};

export const MIB = 1024 * 1024;

/** A memory figure for a table: the most telling one this run measured, and its name. */
export interface LabelledMemory {
  readonly label: string;
  readonly mib: number;
}

/** GPU memory when a GPU was measured, else process RSS; never tfjs bytes under a GPU name. */
export const tableMemory = (memory: MemoryFigures): LabelledMemory =>
  memory.gpuBytes === undefined
    ? { label: 'process RSS', mib: memory.rssBytes / MIB }
    : { label: 'GPU memory', mib: memory.gpuBytes / MIB };

/** Every figure on one line, each with its name, for logs and the console. */
export const describeMemory = (memory: MemoryFigures): string =>
  [
    `tfjs tensors ${memory.tfjsTensors}`,
    `tfjs bytes ${(memory.tfjsBytes / MIB).toFixed(1)} MiB`,
    `process RSS ${(memory.rssBytes / MIB).toFixed(1)} MiB`,
    ...(memory.tfjsGpuBytes === undefined ? [] : [`tfjs GPU buffers ${(memory.tfjsGpuBytes / MIB).toFixed(1)} MiB`]),
    ...(memory.gpuBytes === undefined ? [] : [`GPU (this process) ${(memory.gpuBytes / MIB).toFixed(1)} MiB`]),
  ].join(', ');
