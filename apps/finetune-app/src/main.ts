#!/usr/bin/env -S npx tsx
/**
 * nx run finetune-app:run --model-file M --save-path OUT : the README's example of reuse. A saved
 * model is fine-tuned on a subset with a new schedule, judged with flip test-time augmentation
 * before and after, and saved: built from the packages only.
 */
import * as E from 'fp-ts/Either';
import { checkWritable, runCli, settingsLine, type Fail, type Options } from '@resnet-cifar/cli-options';
import { parseSchedule, toSchedule } from '@resnet-cifar/optim/pure';
import { fineTuneOptionSpec, fineTuneSettings } from './options.ts';

const percent = (error: number): string => `${(error * 100).toFixed(2)}%`;

const fineTuneMain = async (o: Options<typeof fineTuneOptionSpec>, fail: Fail): Promise<number> => {
  if (o.modelFile === undefined || o.savePath === undefined) return fail(2, '--model-file and --save-path are both required');
  const schedule = E.map(toSchedule)(parseSchedule(o.schedule));
  if (E.isLeft(schedule)) return fail(2, `--schedule: ${schedule.left}`);
  const [tf, backend, graph, trainer, metrics, { fineTune }] = await Promise.all([
    import('@tensorflow/tfjs'), import('@resnet-cifar/backend'), import('@resnet-cifar/resnet-graph'),
    import('@resnet-cifar/trainer'), import('@resnet-cifar/metrics'), import('./fine-tune.ts'),
  ]);
  // The save comes last: whether it can succeed, and destroys nothing, is known before any training.
  const writable = checkWritable('--save-path', o.savePath);
  if (E.isLeft(writable)) return fail(1, writable.left);
  const target = await graph.checkSaveTarget(o.savePath);
  if (E.isLeft(target)) return fail(1, `--save-path: ${target.left}`);
  const chosen = await backend.initBackend(tf, o.backend, { wasmThreads: o.wasmThreads });
  if (E.isLeft(chosen)) return fail(2, `--backend: ${chosen.left}`);
  console.error(settingsLine('finetune-app', fineTuneOptionSpec, o, fineTuneSettings, { backend: chosen.right.backend }));
  console.error(backend.formatBackendReport(chosen.right));
  try {
    const data = await trainer.loadRunData(o.dataDir, { trainRecords: o.trainRecords, valRecords: o.valRecords })();
    if (E.isLeft(data) || data.right.validation === undefined) return fail(1, E.isLeft(data) ? data.left : `${o.dataDir} has no test split`);
    // Every record repository holds 32x32x3 images: its manifest allows no other shape.
    const fits = { name: o.dataDir, imageShape: [32, 32, 3], classes: data.right.classNames.length };
    const model = await graph.loadModel(o.modelFile, tf, fits, { recompute: o.recompute })(); // fineTune's steps train it as compiled here
    if (E.isLeft(model)) return fail(1, model.left);
    const how = { epochs: o.epochs, batchSize: o.batchSize, schedule: schedule.right, seed: o.seed, flip: o.flip };
    const progress = metrics.consoleProgress({ output: process.stderr, isTTY: process.stderr.isTTY === true });
    const tuned = await fineTune(tf, model.right, { train: data.right.train, validation: data.right.validation }, how, progress).then(E.right, (error: unknown) => {
      if (error instanceof trainer.TrainingDiverged) return E.left(`${error.message}; nothing was saved`);
      throw error;
    });
    if (E.isLeft(tuned)) return fail(1, tuned.left);
    const saved = await graph.saveModel(o.savePath, model.right)();
    if (E.isLeft(saved)) return fail(1, saved.left);
    console.log(`error ${percent(tuned.right.before.error)} -> ${percent(tuned.right.after.error)}${o.flip ? ' (flip TTA)' : ''}; saved to ${o.savePath}`);
    return 0;
  } finally {
    backend.releaseBackend(); // frees the WebGPU device, if one was used
  }
};

runCli({
  name: 'finetune-app',
  command: 'npx nx run finetune-app:run',
  summary: 'Fine-tunes a saved model on a subset with a new schedule, judged with flip test-time augmentation.',
  spec: fineTuneOptionSpec,
  run: fineTuneMain,
});
