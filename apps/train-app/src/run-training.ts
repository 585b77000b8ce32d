import { existsSync, mkdirSync } from 'node:fs';
import type * as tfjs from '@tensorflow/tfjs';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { concat, filter, lastValueFrom, of, toArray } from 'rxjs';
import { memorySnapshot, type BackendReport } from '@resnet-cifar/backend';
import { createImagePool, createLoaderThreads, type LoaderResources } from '@resnet-cifar/loader';
import { consoleProgress, epochRowOf, writeEpochCsv, writeJsonl, writePlots, type EpochDone, type TrainEvent } from '@resnet-cifar/metrics';
import { saveModel } from '@resnet-cifar/resnet-graph';
import { checkpointer, createSession, explainFailure, memoryFigures, readCheckpoint, train, type RunConfig, type RunData, type Session } from '@resnet-cifar/trainer';
import { checkData } from './check-data.ts';
import { prepareData } from './prepare-data.ts';
import { runFiles, type RunFiles } from './run-files.ts';
import type { TrainOptions } from './run-config-of.ts';
import { stopOnSignals } from './stop-signals.ts';
import { reportTensorGrowth } from './tensor-growth.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

const runStarted = (tf: typeof tfjs, config: RunConfig, backend: BackendReport): TrainEvent => ({
  type: 'run-started', runId: new Date().toISOString(), time: new Date().toISOString(), config: { ...config },
  backend: backend.backend, device: backend.device, seed: config.seed,
  versions: { node: process.version, ...(tf.version as Record<string, string>) },
});

/**
 * Threads live for the whole run. Buffers are recycled only on wasm, which copies a tensor's data
 * into its heap on creation; cpu keeps the array and tfjs-node copies it only when first used.
 */
const loaderResources = (workers: number, backend: BackendReport): LoaderResources => ({
  ...(workers > 0 ? { threads: createLoaderThreads(workers) } : {}),
  ...(backend.backend === 'wasm' ? { pool: createImagePool() } : {}),
});

const trainEvents = (tf: typeof tfjs, config: RunConfig, backend: BackendReport, data: RunData, session: Session, files: RunFiles, workers: number) => {
  const stop = stopOnSignals(log);
  const loader = loaderResources(workers, backend);
  const events = concat(
    session.start.epoch === 0 && session.start.stepInEpoch === 0 ? of(runStarted(tf, config, backend)) : of(),
    train({
      tf, model: session.model, sgd: session.sgd, schedule: session.schedule, train: data.train,
      ...(data.validation ? { validation: data.validation } : {}),
      settings: { ...config, workers, classes: data.classNames.length },
      start: session.start,
      checkpoint: checkpointer(files.checkpoint, session, config),
      memory: async () => memoryFigures(await memorySnapshot(tf)),
      shouldStop: stop.requested,
      now: () => performance.now(),
      loader,
    }),
  );
  return lastValueFrom(
    events.pipe(
      writeJsonl(files.events), writeEpochCsv(files.epochs), reportTensorGrowth(log),
      writePlots(files.plots, `n=${config.depth}`, { history: session.start.history.map(epochRowOf) }),
      consoleProgress({ output: process.stderr, isTTY: process.stderr.isTTY === true }),
      filter((e) => e.type === 'epoch' || e.type === 'run-finished'), toArray(),
    ),
  ).finally(async () => {
    stop.dispose();
    await loader.threads?.close();
  });
};

const summary = (config: RunConfig, epochs: readonly EpochDone[], modelPath: string | undefined): string => {
  const last = epochs.at(-1);
  const seconds = epochs.reduce((sum, e) => sum + e.seconds, 0) / Math.max(1, epochs.length);
  const error = last?.valError === undefined ? 'not validated' : `validation error ${(last.valError * 100).toFixed(2)}%`;
  const saved = modelPath ? `model saved to ${modelPath}` : 'stopped early: resume with --resume';
  return `ResNet-${6 * config.depth + 2} (n=${config.depth}): ${epochs.length} epochs, ${error}, ${seconds.toFixed(1)} s/epoch; ${saved}`;
};

/** Data, session (fresh or resumed), the training stream into its sinks, then the model and plots. */
export const runTraining = (tf: typeof tfjs, options: TrainOptions, config: RunConfig, backend: BackendReport): TE.TaskEither<string, string> => {
  const files = runFiles(options.outputDir, options.savePath);
  // A new run never appends to, or overwrites the checkpoint of, an earlier one.
  if (!options.resume && existsSync(files.checkpoint)) {
    return TE.left(`${files.outputDir} already holds a run (${files.checkpoint}): pass --resume to continue it, or choose another --output-dir`);
  }
  return pipe(
    TE.Do,
    TE.bind('data', () => prepareData(options, log)),
    TE.tap(({ data }) => TE.fromEither(checkData(config, data, options.dataDir))),
    TE.bind('checkpoint', () => (options.resume ? readCheckpoint(files.checkpoint) : TE.right(undefined))),
    TE.bind('session', ({ checkpoint }) => TE.fromEither(createSession(tf, config, checkpoint))),
    TE.flatMap(({ data, session }) =>
      TE.tryCatch(async () => {
        mkdirSync(files.outputDir, { recursive: true });
        const events = await trainEvents(tf, config, backend, data, session, files, options.workers);
        const epochs = events.filter((e): e is EpochDone => e.type === 'epoch');
        const finished = events.some((e) => e.type === 'run-finished');
        if (finished) await pipe(saveModel(files.model, session.model), TE.getOrElse((m) => { throw new Error(m); }))();
        const history = [...session.start.history, ...epochs];
        session.dispose();
        return summary(config, history, finished ? files.model : undefined);
      }, (error) => explainFailure(error instanceof Error ? error.message : String(error), backend.backend, config.batchSize)),
    ),
  );
};
