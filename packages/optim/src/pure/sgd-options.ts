import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { closedStruct } from './closed-struct.ts';
import { Flag, Momentum, WeightDecay, oneOf, withDefault } from './fields.ts';
import { oneLineError } from './one-line-error.ts';

/**
 * How the momentum update is written. With v0 = 0 and a constant lr both give the same weights;
 * they differ when lr changes, because neon's velocity remembers the old lr and PyTorch's does not.
 * - `neon`:    v = m v - lr (g + wd w);  w = w + v
 * - `pytorch`: v = m v + (g + wd w);     w = w - lr v   (also tfjs's `MomentumOptimizer`, which has no wd)
 */
export const SgdForm = oneOf('SgdForm', ['neon', 'pytorch'] as const);
export type SgdForm = t.TypeOf<typeof SgdForm>;

/** SGD options as configs and the CLI give them; absent fields take neon's defaults. */
export const SgdOptions = closedStruct('sgd options', {
  momentum: withDefault(Momentum, 0.9),
  weightDecay: withDefault(WeightDecay, 1e-4),
  /** Nesterov's look-ahead: the step uses m v_new + (the plain gradient step) instead of v_new. */
  nesterov: withDefault(Flag, false),
  form: withDefault(SgdForm, 'neon'),
  /** Whether batch-norm gamma and beta get weight decay too (neon: yes). */
  decayBatchNorm: withDefault(Flag, true),
});
export type SgdOptions = t.TypeOf<typeof SgdOptions>;

export const defaultSgdOptions: SgdOptions = { momentum: 0.9, weightDecay: 1e-4, nesterov: false, form: 'neon', decayBatchNorm: true };

/** Decodes a JSON object of SGD options (every field optional); Left is a one-line message. */
export const decodeSgdOptionsJson = (input: unknown): E.Either<string, SgdOptions> =>
  pipe(
    SgdOptions.decode(input ?? {}),
    E.mapLeft((errors) => oneLineError('sgd', errors)),
    E.filterOrElse(
      (options) => !options.nesterov || options.momentum > 0,
      () => 'sgd: nesterov needs a momentum > 0 (it is the momentum look-ahead)',
    ),
  );
