import type { Schedule } from './schedule.ts';

/**
 * He et al.'s warm-up as they described it: lr 0.01 *until the training error falls under 80%*,
 * then 0.1. A schedule cannot see the error, so the gate is state the training loop keeps: it
 * folds observed errors into the gate with `updateGate`, and asks `gatedSchedule(gate)` for the
 * lr. (Read the error every few tens of steps, not every step: each read is a device sync.)
 */
export type WarmupGate = { readonly _tag: 'Warming' } | { readonly _tag: 'Released'; readonly atStep: number };

export const warming: WarmupGate = { _tag: 'Warming' };

/** Opens the gate, for good, the first time the observed training error is below `threshold`. */
export const updateGate =
  (threshold: number) =>
  (gate: WarmupGate, trainingError: number, step: number): WarmupGate =>
    gate._tag === 'Warming' && trainingError < threshold ? { _tag: 'Released', atStep: step } : gate;

/** `warmLr` while the gate is shut, `then` once it has opened. */
export const gatedSchedule =
  (warmLr: number, then: Schedule) =>
  (gate: WarmupGate): Schedule =>
    gate._tag === 'Warming' ? () => warmLr : then;
