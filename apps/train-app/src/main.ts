#!/usr/bin/env -S npx tsx
/**
 * nx run train-app:run --depth=18 : trains neon's cifar10_msra ResNet (6n+2 layers) on CIFAR-10.
 * The edge of the program: argv, backend choice, printing and the exit code live here only.
 */
import { runCli } from '@resnet-cifar/cli-options';
import { trainOptionSpec } from './options.ts';
import { isTrainer, superviseTraining } from './supervise.ts';

runCli({
  name: 'train-app',
  command: 'npx nx run train-app:run',
  summary: `Trains the neon model-zoo cifar10_msra residual network (He et al. 2015) on CIFAR-10:
6n+2 layers (--depth n), SGD with momentum, neon's augmentation, validation every --eval-freq epochs.
Writes events.jsonl, epochs.csv, plots, a checkpoint after every epoch, and the final model.
Ctrl-C (or SIGTERM) stops after the current step and writes a checkpoint; --resume continues from it
with the run's own settings. Exit codes: 0 finished, 130 stopped, 1 failed, 2 bad option.`,
  spec: trainOptionSpec,
  // Options are decoded (and --help answered) here; the training runs in a child process of its own,
  // so that Ctrl-C is answered at once whatever a step is doing (see supervise.ts). The supervisor
  // loads nothing else: it starts in a fraction of a second.
  run: async (options, fail, given) =>
    isTrainer()
      ? (await import('./train-main.ts')).trainMain(options, given, fail)
      : superviseTraining((line) => process.stderr.write(`${line}\n`)),
});
