import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { concat, filter, lastValueFrom, of, toArray } from 'rxjs';
import { memorySnapshot, type BackendReport } from '@resnet-cifar/backend';
import { batchesPerEpoch, createImagePool, createLoaderThreads, type LoaderResources } from '@resnet-cifar/loader';
import { consoleProgress, epochRowOf, writeEpochCsv, writeJsonl, writePlots, type TrainEvent } from '@resnet-cifar/metrics';
import { saveModel } from '@resnet-cifar/resnet-graph';
import { checkpointer, createSession, explainFailure, memoryFigures, train, TrainingDiverged, type Checkpoint, type RunConfig, type RunData, type Session } from '@resnet-cifar/trainer';
import { checkData } from './check-data.ts';
import { cutLogsBack, logBytes, removeCrashLeftovers } from './crash-leftovers.ts';
import { prepareData } from './prepare-data.ts';
import { appMetaOf, TrainAppMeta } from './resume-settings.ts';
import { LOG_FILES, type RunFiles } from './run-files.ts';
import type { TrainOptions } from './run-config-of.ts';
import type { StopReason } from './stop-signals.ts';
import { runSummary } from './run-summary.ts';
import { reportTensorGrowth } from './tensor-growth.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** What main decided: the options (a resume's merged with its checkpoint's), where the files go, where to start. */
export interface TrainingPlan {
  readonly options: TrainOptions;
  readonly config: RunConfig;
  readonly files: RunFiles;
  readonly checkpoint?: Checkpoint;
  readonly stopReason: StopReason;
}

export interface Outcome {
  readonly summary: string;
  /** A stop request ended the run early; its checkpoint is the result (exit 130). */
  readonly stopped: boolean;
}

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

/** Crash leftovers go, and a resume's logs are cut back to its checkpoint, before anything is appended. */
const prepareOutputFolder = ({ files, checkpoint }: TrainingPlan): void => {
  mkdirSync(files.outputDir, { recursive: true });
  removeCrashLeftovers(files.outputDir, log);
  removeCrashLeftovers(dirname(files.model), log, `.${basename(files.model)}.`);
  const recorded = checkpoint && TrainAppMeta.is(checkpoint.meta.app) ? checkpoint.meta.app.logBytes : undefined;
  if (recorded) cutLogsBack(files.outputDir, LOG_FILES, recorded, log);
};

const trainEvents = (tf: typeof tfjs, plan: TrainingPlan, backend: BackendReport, data: RunData, session: Session) => {
  const { config, files, options } = plan;
  const loader = loaderResources(options.workers, backend);
  const events = concat(
    session.start.epoch === 0 && session.start.stepInEpoch === 0 ? of(runStarted(tf, config, backend)) : of(),
    train({
      tf, model: session.model, sgd: session.sgd, schedule: session.schedule, train: data.train,
      ...(data.validation ? { validation: data.validation } : {}),
      settings: { ...config, workers: options.workers, classes: data.classNames.length },
      start: session.start,
      checkpoint: checkpointer(files.checkpoint, session, config, () => appMetaOf(options, logBytes(files.outputDir, LOG_FILES))),
      memory: async () => memoryFigures(await memorySnapshot(tf)),
      shouldStop: () => plan.stopReason() !== undefined,
      now: () => performance.now(),
      loader,
    }),
  );
  return lastValueFrom(
    events.pipe(
      writeJsonl(files.events), writeEpochCsv(files.epochs), reportTensorGrowth(log),
      writePlots(files.plots, `n=${config.depth}`, { history: session.start.history.map(epochRowOf) }),
      filter((e) => e.type !== 'run-failed'), // logged above; the app's own error line says it once, with what is kept
      consoleProgress({ output: process.stderr, isTTY: process.stderr.isTTY === true }),
      filter((e) => e.type === 'epoch' || e.type === 'checkpoint' || e.type === 'run-finished'), toArray(),
    ),
  ).finally(() => loader.threads?.close());
};

const trainAndSave = async (tf: typeof tfjs, plan: TrainingPlan, backend: BackendReport, data: RunData, session: Session): Promise<Outcome> => {
  prepareOutputFolder(plan);
  const events = await trainEvents(tf, plan, backend, data, session);
  const finished = events.some((e) => e.type === 'run-finished');
  if (finished) {
    const saved = await saveModel(plan.files.model, session.model, { into: plan.files.modelBesideLogs })();
    if (E.isLeft(saved)) throw new Error(saved.left);
  }
  const stepsPerEpoch = batchesPerEpoch(data.train.count, plan.config.batchSize, plan.config.lastBatch);
  const summary = runSummary(plan.config, [...session.start.history, ...events], stepsPerEpoch, { model: finished ? plan.files.model : undefined, stopReason: plan.stopReason() });
  return { summary, stopped: !finished };
};

/** A diverged run names what is left: the last good checkpoint, which no NaN state has replaced. */
const failureOf = (plan: TrainingPlan, backend: BackendReport) => (error: unknown): string => {
  if (!(error instanceof TrainingDiverged)) return explainFailure(error instanceof Error ? error.message : String(error), backend.backend, plan.config.batchSize);
  const kept = existsSync(plan.files.checkpoint) ? `the last good checkpoint, ${plan.files.checkpoint}, is kept as it was` : 'no checkpoint had been written';
  return `${error.message}; nothing after it was saved, and ${kept}. Start again in a new --output-dir with a lower --lr`;
};

/** Data, session (fresh or resumed), the training stream into its sinks, then the model and plots. */
export const runTraining = (tf: typeof tfjs, plan: TrainingPlan, backend: BackendReport): TE.TaskEither<string, Outcome> =>
  pipe(
    TE.Do,
    TE.bind('data', () => prepareData(plan.options, log)),
    TE.tap(({ data }) => TE.fromEither(checkData(plan.config, data, plan.options.dataDir))),
    TE.bind('session', () => TE.fromEither(createSession(tf, plan.config, plan.checkpoint))),
    TE.flatMap(({ data, session }) =>
      TE.tryCatch(() => trainAndSave(tf, plan, backend, data, session).finally(() => session.dispose()), failureOf(plan, backend)),
    ),
  );
