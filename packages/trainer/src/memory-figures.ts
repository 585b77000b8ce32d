import type { MemorySnapshot } from '@resnet-cifar/backend';
import type { Count, MemoryFigures } from '@resnet-cifar/metrics/pure';

// The probe returns byte and tensor counts, which are counts by construction.
const count = (n: number): Count => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`memory probe returned ${n}, not a count`);
  return n as Count;
};

/** The backend's memory probe, as the metrics events carry it. */
export const memoryFigures = (snapshot: MemorySnapshot): MemoryFigures => ({
  tfjsTensors: count(snapshot.tfjsTensors),
  tfjsBytes: count(snapshot.tfjsBytes),
  rssBytes: count(snapshot.rssBytes),
  ...(snapshot.gpuBytes === undefined ? {} : { gpuBytes: count(snapshot.gpuBytes) }),
  ...(snapshot.tfjsGpuBytes === undefined ? {} : { tfjsGpuBytes: count(snapshot.tfjsGpuBytes) }),
});
