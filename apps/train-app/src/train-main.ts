import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { settingsLine, type Fail } from '@resnet-cifar/cli-options';
import { resnet } from '@resnet-cifar/resnet-graph/pure';
import type { Checkpoint } from '@resnet-cifar/trainer';
import { scheduleOf } from '@resnet-cifar/trainer/pure';
import { trainOptionSpec, trainSettings } from './options.ts';
import { checkOutputs } from './output-checks.ts';
import { resumeSettings } from './resume-settings.ts';
import { runConfigOf, type TrainOptions } from './run-config-of.ts';
import { runFiles } from './run-files.ts';
import { stopRequests } from './stop-signals.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

type Settled = E.Either<readonly [code: number, message: string], { options: TrainOptions; checkpoint?: Checkpoint }>;

/** With --resume, the checkpoint comes first: its settings fill in every option not given now. */
const resumed = async (given: TrainOptions, named: ReadonlySet<string>): Promise<Settled> => {
  if (!given.resume) return E.right({ options: given });
  const path = runFiles(given.outputDir, given.savePath).checkpoint;
  const { readCheckpoint } = await import('@resnet-cifar/trainer'); // with tfjs: loaded only when needed
  const checkpoint = await readCheckpoint(path)();
  if (E.isLeft(checkpoint)) return E.left([1, `--resume: ${checkpoint.left}`]);
  const { meta } = checkpoint.right;
  return pipe(
    resumeSettings(given, named, meta.config, meta.app),
    E.mapLeft((message) => [2, message] as const),
    E.map(({ options, line }) => {
      log(`resuming ${path} at epoch ${meta.epoch}, step ${meta.stepInEpoch}, ${line}`);
      return { options, checkpoint: checkpoint.right };
    }),
  );
};

/**
 * The trainer process: settings (a resume's from its checkpoint), every check that needs no
 * tensor (options, outputs), then tfjs, the backend and the run. Resolves to the exit code: 0
 * finished, 130 stopped by a signal (its checkpoint written), 1 failed, 2 bad option.
 */
export const trainMain = async (given: TrainOptions, named: ReadonlySet<string>, fail: Fail): Promise<number> => {
  const stopReason = stopRequests(); // at once: a Ctrl-C while tfjs loads is a stop request too
  const settled = await resumed(given, named);
  if (E.isLeft(settled)) return fail(...settled.left);
  const { options, checkpoint } = settled.right;
  const config = runConfigOf(options);
  const schedule = pipe(resnet({ n: config.depth, shortcut: config.shortcut }), E.mapLeft((m) => `--depth: ${m}`), E.flatMap(() => scheduleOf(config)));
  if (E.isLeft(schedule)) return fail(2, schedule.left);
  const files = runFiles(options.outputDir, options.savePath);
  const outputs = await checkOutputs(options, files);
  if (E.isLeft(outputs)) return fail(1, outputs.left);
  // tfjs and the pipeline load only now: a bad option answers at once.
  const [tf, { formatBackendReport, initBackend, releaseBackend }, { runTraining }] = await Promise.all([
    import('@tensorflow/tfjs'), import('@resnet-cifar/backend'), import('./run-training.ts'),
  ]);
  const backend = await initBackend(tf, options.backend, { wasmThreads: options.wasmThreads });
  if (E.isLeft(backend)) return fail(2, `--backend: ${backend.left}`);
  const notes = { depth: `ResNet-${6 * config.depth + 2}`, schedule: `lr ${schedule.right(0)} at epoch 0`, backend: backend.right.backend };
  log(settingsLine('train-app', trainOptionSpec, options, trainSettings, notes));
  log(formatBackendReport(backend.right));
  try {
    const outcome = await runTraining(tf, { options, config, files, stopReason, ...(checkpoint ? { checkpoint } : {}) }, backend.right)();
    if (E.isLeft(outcome)) return fail(1, outcome.left);
    console.log(outcome.right.summary);
    return outcome.right.stopped ? 130 : 0;
  } finally {
    releaseBackend(); // frees the WebGPU device, if one was used
  }
};
