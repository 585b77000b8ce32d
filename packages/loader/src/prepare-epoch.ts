import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { epochRng } from './epoch-rng.ts';
import { epochPlan, type EpochPlan } from './pure/epoch-plan.ts';
import { decodeLoaderOptions, type ResolvedOptions } from './pure/loader-options.ts';
import { IMAGE_BYTES, validateSplit, type Split } from './pure/split.ts';

/** Everything one epoch needs, checked: the (possibly limited) split, full options and the plan. */
export interface PreparedEpoch {
  readonly split: Split;
  readonly options: ResolvedOptions;
  readonly plan: EpochPlan;
}

/** `limit` keeps the first records (views, no copy); a limit beyond the split keeps it whole. */
const limited = (split: Split, limit: number | undefined): Split => {
  if (limit === undefined || limit >= split.count) return split;
  return {
    ...split,
    count: limit,
    images: split.images.subarray(0, limit * IMAGE_BYTES),
    labels: split.labels.subarray(0, limit),
  };
};

const checkBatchSize = (split: Split, o: ResolvedOptions): E.Either<string, Split> =>
  o.batchSize > split.count
    ? E.left(`batch size ${o.batchSize} is larger than the split's ${split.count} records`)
    : E.right(split);

/** All validation happens here, before any batch exists: one message for the first problem found. */
export const prepareEpoch = (split: Split, input: unknown): E.Either<string, PreparedEpoch> =>
  pipe(
    decodeLoaderOptions(input),
    E.bindTo('options'),
    E.bind('split', ({ options }) =>
      pipe(
        validateSplit(split),
        E.map((s) => limited(s, options.limit)),
        E.chain((s) => checkBatchSize(s, options)),
      ),
    ),
    E.map(({ options, split: s }) => ({
      split: s,
      options,
      plan: epochPlan(epochRng(options.seed, options.epoch), s.count, options),
    })),
  );
