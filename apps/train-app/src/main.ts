#!/usr/bin/env -S npx tsx
/**
 * nx run train-app:run --depth=18 : trains neon's cifar10_msra ResNet (6n+2 layers) on CIFAR-10.
 * The edge of the program: argv, backend choice, printing and the exit code live here only.
 */
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { runCli, settingsLine } from '@resnet-cifar/cli-options';
import { resnet } from '@resnet-cifar/resnet-graph/pure';
import { scheduleOf } from '@resnet-cifar/trainer/pure';
import { trainOptionSpec, trainSettings } from './options.ts';
import { runConfigOf } from './run-config-of.ts';

runCli({
  name: 'train-app',
  command: 'npx nx run train-app:run',
  summary: `Trains the neon model-zoo cifar10_msra residual network (He et al. 2015) on CIFAR-10:
6n+2 layers (--depth n), SGD with momentum, neon's augmentation, validation every --eval-freq epochs.
Writes events.jsonl, epochs.csv, plots, a checkpoint after every epoch, and the final model.`,
  spec: trainOptionSpec,
  run: async (options, fail) => {
    const config = runConfigOf(options);
    // Everything decidable without side effects is checked first, so a bad value writes nothing.
    const schedule = pipe(
      resnet({ n: config.depth, shortcut: config.shortcut }),
      E.mapLeft((m) => `--depth: ${m}`),
      E.flatMap(() => scheduleOf(config)),
    );
    if (E.isLeft(schedule)) return fail(2, schedule.left);
    // tfjs and the pipeline load only now: a bad option answers at once.
    const [tf, { formatBackendReport, initBackend, releaseBackend }, { runTraining }] = await Promise.all([
      import('@tensorflow/tfjs'),
      import('@resnet-cifar/backend'),
      import('./run-training.ts'),
    ]);
    const backend = await initBackend(tf, options.backend, { wasmThreads: options.wasmThreads });
    if (E.isLeft(backend)) return fail(2, `--backend: ${backend.left}`);
    const notes = { depth: `ResNet-${6 * config.depth + 2}`, schedule: `lr ${schedule.right(0)} at epoch 0`, backend: backend.right.backend };
    console.error(settingsLine('train-app', trainOptionSpec, options, trainSettings, notes));
    console.error(formatBackendReport(backend.right));
    try {
      const result = await runTraining(tf, options, config, backend.right)();
      if (E.isLeft(result)) return fail(1, result.left);
      console.log(result.right);
      return 0;
    } finally {
      releaseBackend(); // frees the WebGPU device, if one was used
    }
  },
});
