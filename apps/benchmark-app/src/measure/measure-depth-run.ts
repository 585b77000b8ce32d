import type * as tfjs from '@tensorflow/tfjs';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { kernelThreadStats, memorySnapshot, queuesKernels, type BackendReport } from '@resnet-cifar/backend';
import { macsPerImage, parameterCounts } from '@resnet-cifar/resnet-graph';
import { createSession, neonDefaults, type RunConfig, type RunData, type Session } from '@resnet-cifar/trainer';
import type { Options } from '@resnet-cifar/cli-options';
import type { depthOptionSpec } from '../depth-options.ts';
import type { DepthMeasured, Timing } from '../pure/depth-result.ts';
import { imagesPerSecond, NEON_EPOCH_IMAGES, secondsPerEpoch, stepsPerEpoch } from '../pure/extrapolate.ts';
import { median, relativeSpread } from '../pure/step-statistics.ts';
import { firstBatch } from './first-batch.ts';
import { runFullEpochs } from './run-full-epochs.ts';
import { bareLoop } from './time-bare-loop.ts';
import { timeForward } from './time-forward.ts';
import { timePipeline } from './time-pipeline.ts';

export type DepthOptions = Options<typeof depthOptionSpec>;

export const timingOf = (stepSeconds: ReadonlyArray<number>, batchSize: number): Timing => {
  const mid = median(stepSeconds);
  return { steps: stepSeconds.length, stepSeconds: [...stepSeconds], medianSeconds: mid, spread: relativeSpread(stepSeconds), imagesPerSecond: imagesPerSecond(mid, batchSize) };
};

const configOf = (o: DepthOptions): RunConfig => ({ ...neonDefaults, depth: o.depth, batchSize: o.batchSize, seed: o.seed, recompute: o.recompute });

/** Pipeline window with the bare loop interleaved (same model, same load), then forward passes and a profiled step. */
const measure = async (tf: typeof tfjs, o: DepthOptions, backend: BackendReport, data: RunData, session: Session): Promise<DepthMeasured> => {
  if (o.fail) throw new Error('failing on purpose (--fail-depth)');
  const { images, labels } = await firstBatch(tf, data.train, o.batchSize, o.seed);
  const bare = bareLoop(tf, session, images, labels, session.schedule(0));
  const bareSeconds: number[] = [];
  let sharedMs = 0; // of the bare steps, in jobs the kernel threads share
  const bareStep = async () => {
    const before = kernelThreadStats().sharedMs;
    bareSeconds.push(await bare.step());
    sharedMs += kernelThreadStats().sharedMs - before;
  };
  const between = async (k: number) => void (k < o.bareSteps && (await bareStep()));
  const window = await timePipeline(tf, session, data.train, { ...o, syncEachStep: queuesKernels(backend) }, between);
  while (bareSeconds.length < o.bareSteps) await bareStep(); // more bare steps than gaps
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const after = await memorySnapshot(tf);
  const forward = o.forwardSteps > 0 ? await timeForward(tf, session.model, images, o.forwardSteps) : undefined;
  const peakTfjsBytes = await bare.peakBytes();
  // GPU figures last: tfjs's buffer pool never shrinks, so taken now they are the run's peaks.
  const gpu = await memorySnapshot(tf);
  tf.dispose([images, labels]);
  const pipeline = timingOf(window.stepSeconds, o.batchSize);
  const wasm = backend.backend === 'wasm';
  const bareTotal = bareSeconds.reduce((a, b) => a + b, 0);
  const repositorySteps = stepsPerEpoch(data.train.count, o.batchSize);
  return {
    status: 'measured', depth: o.depth, layers: 6 * o.depth + 2, backend: backend.backend, device: backend.device, batchSize: o.batchSize,
    trainableParameters: parameterCounts(session.graph).trainable, macsPerImage: macsPerImage(session.graph),
    warmupSeconds: [...window.warmupSeconds], pipeline,
    secondsPerEpoch: secondsPerEpoch(pipeline.medianSeconds, o.batchSize, NEON_EPOCH_IMAGES),
    repositoryEpoch: { images: data.train.count, steps: repositorySteps, seconds: pipeline.medianSeconds * repositorySteps },
    memory: {
      peakRssBytes, tfjsBytes: after.tfjsBytes, peakTfjsBytes,
      ...(gpu.gpuBytes === undefined ? {} : { gpuBytes: gpu.gpuBytes }),
      ...(gpu.tfjsGpuBytes === undefined ? {} : { tfjsGpuBytes: gpu.tfjsGpuBytes }),
    },
    ...(bareSeconds.length > 0 ? { bare: timingOf(bareSeconds, o.batchSize) } : {}),
    ...(o.recompute === 'blocks' ? { recompute: o.recompute } : {}), // absent: measured as before the option
    ...(wasm ? { wasmThreads: o.wasmThreads } : {}),
    ...(wasm && bareTotal > 0 ? { oneThreadShare: Math.max(0, 1 - sharedMs / 1000 / bareTotal) } : {}),
    ...(forward ? { forward: timingOf(forward, o.batchSize) } : {}),
  };
};

const attempt = <A>(f: () => Promise<A>): TE.TaskEither<string, A> =>
  TE.tryCatch(f, (error) => (error instanceof Error ? error.message : String(error)));

/** One depth, start to end: the timing session, then (with --full-epochs) real epochs from a fresh one. */
export const measureDepth = (tf: typeof tfjs, o: DepthOptions, backend: BackendReport, data: RunData): TE.TaskEither<string, DepthMeasured> =>
  pipe(
    TE.fromEither(createSession(tf, configOf(o))),
    TE.flatMap((session) => attempt(() => measure(tf, o, backend, data, session).finally(session.dispose))),
    TE.flatMap((measured) =>
      o.fullEpochs === 0
        ? TE.right(measured)
        : pipe(
            TE.fromEither(createSession(tf, { ...configOf(o), epochs: o.fullEpochs, evalFreq: o.fullEpochs })),
            TE.flatMap((session) => attempt(() => runFullEpochs(tf, session, data, o).finally(session.dispose))),
            TE.map((fullEpochs) => ({ ...measured, fullEpochs })),
          ),
    ),
  );
