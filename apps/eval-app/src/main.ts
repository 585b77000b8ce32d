#!/usr/bin/env -S npx tsx
/**
 * nx run eval-app:run --model-file PATH : the validation error of a saved model, like neon's
 * cifar10_eval.py. Argv, backend, printing and the exit code live here only.
 */
import * as E from 'fp-ts/Either';
import { parseOptions, usage } from '@resnet-cifar/cli-options';
import { evalOptionSpec } from './options.ts';

const SUMMARY = `Evaluates a model saved by the train app on a split of the record repository and prints
"Error = x%" (argmax != label over every image), the loss and the error of each class.`;

const fail = (code: number, message: string): number => {
  console.error(`eval-app: ${message}`);
  return code;
};

const main = async (argv: readonly string[]): Promise<number> => {
  const parsed = parseOptions(evalOptionSpec, argv);
  if (E.isLeft(parsed)) return fail(2, parsed.left);
  if (parsed.right.help) {
    console.log(usage('nx run eval-app:run --', SUMMARY, evalOptionSpec));
    return 0;
  }
  const options = parsed.right.options;
  if (options.modelFile === undefined) return fail(2, '--model-file is required: the folder the train app saved (<output-dir>/model)');
  // tfjs and the pipeline load only now: a bad option answers at once.
  const [tf, { formatBackendReport, initBackend }, { evaluateModel }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('@resnet-cifar/backend'),
    import('./evaluate-model.ts'),
  ]);
  const backend = await initBackend(tf, options.backend);
  if (E.isLeft(backend)) return fail(2, `--backend: ${backend.left}`);
  console.error(formatBackendReport(backend.right));
  const report = await evaluateModel(tf, options.modelFile, options)();
  if (E.isLeft(report)) return fail(1, report.left);
  console.log(report.right);
  return 0;
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(1, `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  },
);
