import * as E from 'fp-ts/Either';
import type { RunConfig, RunData } from '@resnet-cifar/trainer';

/** What the data must allow before anything is written: one whole batch, and validation when it is asked for. */
export const checkData = (config: RunConfig, data: RunData, dataDir: string): E.Either<string, void> => {
  if (config.batchSize > data.train.count) {
    return E.left(`--batch-size ${config.batchSize} is larger than the ${data.train.count} training images: lower it or raise --train-records`);
  }
  if (config.evalFreq > 0 && data.validation === undefined) {
    return E.left(
      `--data-dir ${dataDir} has no test split (its source had no test_batch.bin), so there is nothing to validate on every ` +
        `--eval-freq ${config.evalFreq} epochs: pass --eval-freq=0 to train without validation, or rebuild --data-dir from a source with test_batch.bin`,
    );
  }
  return E.right(undefined);
};
