import type * as tfjs from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { checkSgdState, decodeSgdOptionsJson, isBatchNormParam, type SgdOptions, type SgdState } from './pure/index.ts';
import { updateVariable } from './update-rule.ts';
import { createVelocityStore } from './velocity-store.ts';

/** SGD with momentum over a fixed set of named variables; velocities live on the device. */
export interface Sgd {
  readonly options: SgdOptions;
  /** Updates applied so far (restored by `setState`). */
  readonly step: number;
  /** One update of every variable. Needs a gradient for each of them; does not dispose `grads`. */
  apply(grads: ReadonlyMap<string, tfjs.Tensor>, lr: number): void;
  /** Step count and a copy of every velocity, for a checkpoint (reads the device: call rarely). */
  getState(): Promise<SgdState>;
  /** Restores what `getState` gave; Left, and nothing changed, when it does not fit these variables. */
  setState(state: SgdState): E.Either<string, void>;
  /** Frees the velocities; the variables stay the caller's. */
  dispose(): void;
}

export interface CreateSgdOptions extends Partial<SgdOptions> {
  /** Which variables are batch-norm parameters (exempt from decay when `decayBatchNorm` is false). */
  readonly isBatchNorm?: (name: string) => boolean;
}

// Options given in code are meant to be decoded already (apps decode at the edge): a bad one is a bug.
const resolve = (options: CreateSgdOptions): SgdOptions => {
  const { isBatchNorm: _, ...rest } = options;
  return pipe(
    decodeSgdOptionsJson(rest),
    E.getOrElseW((message) => {
      throw new RangeError(message);
    }),
  );
};

export const createSgd = (
  tf: typeof tfjs,
  variables: ReadonlyMap<string, tfjs.Variable>,
  options: CreateSgdOptions = {},
): Sgd => {
  const resolved = resolve(options);
  const isBatchNorm = options.isBatchNorm ?? isBatchNormParam;
  const decayOf = (name: string): number => (resolved.decayBatchNorm || !isBatchNorm(name) ? resolved.weightDecay : 0);
  const velocities = createVelocityStore(tf, variables);
  const shapes = new Map([...variables].map(([name, w]) => [name, w.shape]));
  let step = 0;
  return {
    options: resolved,
    get step() {
      return step;
    },
    apply(grads, lr) {
      const stray = [...grads.keys()].find((name) => !variables.has(name));
      if (stray !== undefined) throw new Error(`sgd: gradient for '${stray}', which is not one of the optimizer's variables`);
      for (const [name, w] of variables) {
        const g = grads.get(name);
        if (g === undefined) throw new Error(`sgd: no gradient for variable '${name}'`);
        updateVariable(tf, resolved, { w, v: velocities.get(name), g, lr, weightDecay: decayOf(name) });
      }
      step += 1;
    },
    getState: async () => ({ step, velocities: await velocities.read() }),
    setState: (state) =>
      pipe(
        checkSgdState(shapes, state),
        E.map((fits) => {
          velocities.write(fits.velocities);
          step = fits.step;
        }),
      ),
    dispose: () => velocities.dispose(),
  };
};
