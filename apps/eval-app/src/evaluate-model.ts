import type * as tfjs from '@tensorflow/tfjs';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { openRepository } from '@resnet-cifar/dataset-writer';
import { loadModel } from '@resnet-cifar/resnet-graph';
import { evaluateSplit, prefix } from '@resnet-cifar/trainer';
import type { Options } from '@resnet-cifar/cli-options';
import type { evalOptionSpec } from './options.ts';
import { formatEvaluation } from './report.ts';

type EvalOptions = Options<typeof evalOptionSpec>;

/** Reads the split, loads the model and checks that it fits the split, evaluates in inference mode, and returns the report text. */
export const evaluateModel = (tf: typeof tfjs, modelFile: string, options: EvalOptions): TE.TaskEither<string, string> =>
  pipe(
    TE.Do,
    TE.bind('repository', () => openRepository(options.dataDir)),
    TE.bind('data', ({ repository }) =>
      repository.manifest.splits[options.split]
        ? repository.readSplit(options.split)
        : TE.left(`${options.dataDir} has no ${options.split} split: choose --split ${options.split === 'test' ? 'train' : 'test'}`),
    ),
    TE.bind('split', ({ repository, data }) => {
      const limit = { limit: options.records, option: '--records', split: options.split === 'test' ? 'test' : 'training', dir: options.dataDir } as const;
      return TE.fromEither(prefix(data, repository.manifest.trainMean, limit));
    }),
    TE.bind('model', ({ repository }) =>
      loadModel(modelFile, tf, { name: options.dataDir, imageShape: repository.manifest.imageShape, classes: repository.manifest.classNames.length }),
    ),
    TE.flatMap(({ model, repository, split }) =>
      TE.tryCatch(
        async () => {
          const classes = repository.manifest.classNames.length;
          const result = await evaluateSplit(tf, model, split, { batchSize: options.batchSize, classes, flip: options.flip }).finally(() => model.dispose());
          return { result, classNames: repository.manifest.classNames };
        },
        (error) => (error instanceof Error ? error.message : String(error)),
      ),
    ),
    // argmax of NaN is class 0 for every image: an "error rate" of such a model means nothing.
    TE.filterOrElse(
      ({ result }) => result.nonFinite === 0,
      ({ result }) => `${modelFile}: the model's outputs are NaN or infinite for ${result.nonFinite} of ${result.count} images: its training diverged (or its weights are damaged); evaluate another model`,
    ),
    TE.map(({ result, classNames }) => formatEvaluation(result, classNames, `the ${options.split} split${options.flip ? ', with flip test-time augmentation' : ''}`)),
  );
