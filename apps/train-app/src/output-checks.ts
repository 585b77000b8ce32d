import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { checkWritable } from '@resnet-cifar/cli-options';
import { MANIFEST_FILE } from '@resnet-cifar/dataset-writer';
import { checkSaveTarget } from '@resnet-cifar/resnet-graph';
import type { TrainOptions } from './run-config-of.ts';
import type { RunFiles } from './run-files.ts';

/**
 * Everything the run will write, checked before any work so that days of training never end in a
 * write that cannot succeed, or in one that destroys what the project did not write: the output
 * folder, a record repository still to build, and the save path (new, or a model saved before).
 */
export const checkOutputs = async (options: TrainOptions, files: RunFiles): Promise<E.Either<string, void>> => {
  // A new run never appends to, or overwrites the checkpoint of, an earlier one.
  if (!options.resume && existsSync(files.checkpoint)) {
    return E.left(`${files.outputDir} already holds a run (${files.checkpoint}): pass --resume to continue it, or choose another --output-dir`);
  }
  const writable = [
    checkWritable('--output-dir', files.outputDir),
    existsSync(join(options.dataDir, MANIFEST_FILE)) ? E.right(undefined) : checkWritable('--data-dir', options.dataDir),
    checkWritable('--save-path', files.model),
  ].find(E.isLeft);
  if (writable) return writable;
  const target = await checkSaveTarget(files.model, files.modelBesideLogs);
  return E.isLeft(target) ? E.left(`--save-path: ${target.left}`) : E.right(undefined);
};
