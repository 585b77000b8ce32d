import type { MemoryFigures } from '../pure/memory-figures.ts';
import type { EpochDone, StepDone, TrainEvent } from '../pure/train-event.ts';

/** Hand-made events for tests, with figures that are easy to check by hand. */
export const memory = (rssMiB: number, gpuMiB?: number): MemoryFigures => ({
  tfjsTensors: 300,
  tfjsBytes: 5 * 1024 * 1024,
  rssBytes: rssMiB * 1024 * 1024,
  ...(gpuMiB === undefined ? {} : { gpuBytes: gpuMiB * 1024 * 1024 }),
});

export const step = (epoch: number, stepIndex: number, extra: Partial<StepDone> = {}): StepDone => ({
  type: 'step',
  epoch,
  step: stepIndex,
  stepsPerEpoch: 4,
  images: 128,
  lr: 0.1,
  time: 1000 * (epoch * 4 + stepIndex + 1),
  ...extra,
});

export const epochDone = (epoch: number, extra: Partial<EpochDone> = {}): EpochDone => ({
  type: 'epoch',
  epoch,
  lr: 0.1,
  trainLoss: 2.25 - 0.25 * epoch,
  trainError: 0.75 - 0.0625 * epoch,
  valLoss: 2 - 0.125 * epoch,
  valError: 0.5 - 0.03125 * epoch,
  seconds: 4,
  imagesPerSecond: 128,
  images: 512,
  memory: memory(1000 + epoch),
  ...extra,
});

/** A whole short run: start, two epochs of four steps, a checkpoint, the end. */
export const sampleRun = (): ReadonlyArray<TrainEvent> => [
  {
    type: 'run-started',
    runId: 'run-1',
    time: '2026-11-28T22:00:00.000Z',
    config: { depth: 3, epochs: 2, padding: 'mean' },
    backend: 'wasm',
    device: 'cpu (2 cores)',
    versions: { tfjs: '4.22.0', node: 'v20' },
    seed: 42,
  },
  ...[0, 1, 2, 3].map((s) => step(0, s, { loss: 2.5 - 0.125 * s })),
  epochDone(0),
  ...[0, 1, 2, 3].map((s) => step(1, s)),
  epochDone(1, { memory: memory(1010, 600) }),
  { type: 'checkpoint', epoch: 1, path: '/tmp/run-1/epoch-1' },
  { type: 'run-finished', epochs: 2, finalValError: 0.46875, seconds: 8.5, modelPath: '/tmp/run-1/model' },
];
