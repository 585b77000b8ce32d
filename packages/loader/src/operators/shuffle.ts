import { from, mergeMap, toArray, type OperatorFunction } from 'rxjs';
import type { Rng } from '../pure/rng.ts';
import { permutation } from '../pure/shuffle.ts';

/** Emits the whole (finite) source in a uniformly random order drawn from `rng` on completion. */
export const shuffle =
  <T>(rng: Rng): OperatorFunction<T, T> =>
  (source) =>
    source.pipe(
      toArray(),
      mergeMap((all) => from(Array.from(permutation(rng, all.length), (i) => all[i] as T))),
    );
