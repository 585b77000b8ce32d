#!/usr/bin/env -S npx tsx
/**
 * nx run eval-app:run --model-file PATH : the validation error of a saved model, like neon's
 * cifar10_eval.py. Argv, backend, printing and the exit code live here only.
 */
import * as E from 'fp-ts/Either';
import { runCli, settingsLine } from '@resnet-cifar/cli-options';
import { evalOptionSpec, evalSettings } from './options.ts';

runCli({
  name: 'eval-app',
  command: 'npx nx run eval-app:run',
  summary: `Evaluates a model saved by the train app on a split of the record repository and prints
"Error = x%" (argmax != label over every image), the loss and the error of each class.`,
  spec: evalOptionSpec,
  run: async (options, fail) => {
    if (options.modelFile === undefined) return fail(2, '--model-file is required: the folder the train app saved (<output-dir>/model)');
    // tfjs and the pipeline load only now: a bad option answers at once.
    const [tf, { formatBackendReport, initBackend, releaseBackend }, { evaluateModel }] = await Promise.all([
      import('@tensorflow/tfjs'),
      import('@resnet-cifar/backend'),
      import('./evaluate-model.ts'),
    ]);
    const backend = await initBackend(tf, options.backend, { wasmThreads: options.wasmThreads });
    if (E.isLeft(backend)) return fail(2, `--backend: ${backend.left}`);
    console.error(settingsLine('eval-app', evalOptionSpec, options, evalSettings, { backend: backend.right.backend }));
    console.error(formatBackendReport(backend.right));
    const report = await evaluateModel(tf, options.modelFile, options)().finally(releaseBackend);
    if (E.isLeft(report)) return fail(1, report.left);
    console.log(report.right);
    return 0;
  },
});
