import type * as tfjs from '@tensorflow/tfjs';
import { filter, lastValueFrom, toArray } from 'rxjs';
import { memorySnapshot } from '@resnet-cifar/backend';
import type { EpochDone } from '@resnet-cifar/metrics/pure';
import { memoryFigures, train, type RunData, type Session } from '@resnet-cifar/trainer';
import type { FullEpochs } from '../pure/depth-result.ts';
import { median } from '../pure/step-statistics.ts';

interface FullEpochOptions {
  readonly fullEpochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly workers: number;
}

/** The train app's loop itself (train()), for real epochs: median seconds per epoch and the last validation error. */
export const runFullEpochs = async (tf: typeof tfjs, session: Session, data: RunData, o: FullEpochOptions): Promise<FullEpochs> => {
  if (!data.validation) throw new Error('the record repository has no test split: --full-epochs needs one for the validation error');
  const events = train({
    tf, model: session.model, sgd: session.sgd, schedule: session.schedule, train: data.train, validation: data.validation,
    settings: {
      epochs: o.fullEpochs, batchSize: o.batchSize, seed: o.seed, evalFreq: o.fullEpochs, padding: 'mean', lastBatch: 'wrap',
      workers: o.workers, classes: data.classNames.length,
    },
    start: session.start,
    memory: async () => memoryFigures(await memorySnapshot(tf)),
    shouldStop: () => false,
    now: () => performance.now(),
  });
  const epochs = await lastValueFrom(events.pipe(filter((e): e is EpochDone => e.type === 'epoch'), toArray()));
  const valError = epochs.at(-1)?.valError;
  if (valError === undefined) throw new Error('training ended without a validation error');
  return { epochs: epochs.length, secondsPerEpoch: median(epochs.map((e) => e.seconds)), valError };
};
