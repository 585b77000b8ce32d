import * as E from 'fp-ts/Either';
import { expect, it } from 'vitest';
import { checkSgdState } from './check-sgd-state.ts';

const shapes = new Map([
  ['conv/weights', [2, 3]],
  ['bn/gamma', [3]],
]);
const velocity = (shape: number[]) => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5) });
const good = { step: 7, velocities: { 'conv/weights': velocity([2, 3]), 'bn/gamma': velocity([3]) } };

it('accepts a state with exactly these names and shapes', () => {
  expect(checkSgdState(shapes, good)).toEqual(E.right(good));
});

it.each([
  [{ ...good, step: -1 }, /step must be an integer >= 0/],
  [{ ...good, velocities: { 'conv/weights': velocity([2, 3]) } }, /no velocity for variable 'bn\/gamma'/],
  [{ ...good, velocities: { ...good.velocities, 'bn/gamma': velocity([4]) } }, /'bn\/gamma' has shape \[4\], the variable \[3\]/],
  [{ ...good, velocities: { ...good.velocities, 'bn/gamma': { shape: [3], values: new Float32Array(2) } } }, /holds 2 values/],
  [{ ...good, velocities: { ...good.velocities, 'bn/beta': velocity([3]) } }, /'bn\/beta' matches no variable/],
])('rejects a mismatch with one line (%#)', (state, message) => {
  const result = checkSgdState(shapes, state);
  expect(E.isLeft(result) && result.left).toMatch(message);
});
