import * as E from 'fp-ts/Either';
import type { SgdState } from './sgd-state.ts';

const sameShape = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

const firstProblem = (shapes: ReadonlyMap<string, ReadonlyArray<number>>, state: SgdState): string | undefined => {
  if (!Number.isInteger(state.step) || state.step < 0) return `step must be an integer >= 0, got ${state.step}`;
  for (const [name, shape] of shapes) {
    const saved = state.velocities[name];
    if (saved === undefined) return `no velocity for variable '${name}' (checkpoint of another model?)`;
    if (!sameShape(saved.shape, shape)) return `velocity '${name}' has shape [${saved.shape}], the variable [${shape}]`;
    const size = shape.reduce((a, b) => a * b, 1);
    if (saved.values.length !== size) return `velocity '${name}' holds ${saved.values.length} values, its shape [${shape}] needs ${size}`;
  }
  const extra = Object.keys(state.velocities).find((name) => !shapes.has(name));
  return extra === undefined ? undefined : `velocity '${extra}' matches no variable of this model (checkpoint of another model?)`;
};

/**
 * Whether a saved optimizer state fits variables of these shapes, by name: all of them, no others.
 * Checked in full before anything is restored, so a mismatch leaves the optimizer untouched.
 */
export const checkSgdState = (shapes: ReadonlyMap<string, ReadonlyArray<number>>, state: SgdState): E.Either<string, SgdState> => {
  const problem = firstProblem(shapes, state);
  return problem === undefined ? E.right(state) : E.left(`optimizer state does not fit: ${problem}`);
};
