#!/usr/bin/env -S npx tsx
/**
 * nx run train-app:run --depth=18 : trains neon's cifar10_msra ResNet (6n+2 layers) on CIFAR-10.
 * The edge of the program: argv, backend choice, printing and the exit code live here only.
 */
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { runCli } from '@resnet-cifar/cli-options';
import { resnet } from '@resnet-cifar/resnet-graph/pure';
import { scheduleOf } from '@resnet-cifar/trainer/pure';
import { trainOptionSpec } from './options.ts';
import { runConfigOf } from './run-config-of.ts';

runCli({
  name: 'train-app',
  command: 'nx run train-app:run --',
  summary: `Trains the neon model-zoo cifar10_msra residual network (He et al. 2015) on CIFAR-10:
6n+2 layers (--depth n), SGD with momentum, neon's augmentation, validation every --eval-freq epochs.
Writes events.jsonl, epochs.csv, plots, a checkpoint after every epoch, and the final model.`,
  spec: trainOptionSpec,
  run: async (options, fail) => {
    const config = runConfigOf(options);
    // Everything decidable without side effects is checked first, so a bad value writes nothing.
    const invalid = pipe(
      resnet({ n: config.depth, shortcut: config.shortcut }),
      E.mapLeft((m) => `--depth: ${m}`),
      E.flatMap(() => scheduleOf(config)),
    );
    if (E.isLeft(invalid)) return fail(2, invalid.left);
    // tfjs and the pipeline load only now: a bad option answers at once.
    const [tf, { formatBackendReport, initBackend, releaseBackend }, { runTraining }] = await Promise.all([
      import('@tensorflow/tfjs'),
      import('@resnet-cifar/backend'),
      import('./run-training.ts'),
    ]);
    const backend = await initBackend(tf, options.backend, { wasmThreads: options.wasmThreads });
    if (E.isLeft(backend)) return fail(2, `--backend: ${backend.left}`);
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
