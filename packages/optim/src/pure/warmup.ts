import { globalStep, type Schedule } from './schedule.ts';

/**
 * He et al.'s warm-up for the 110-layer net: a constant `lr` for the first `steps` updates, then
 * `then`. (They switched once training error fell under 80%, which took about 400 steps; this is
 * the step-count form. The error-triggered form lives in the loop: see `error-gated-warmup.ts`.)
 */
export const warmup =
  (lr: number, steps: number, then: Schedule): Schedule =>
  (epoch, step) =>
    globalStep(epoch, step, 'warmup') < steps ? lr : then(epoch, step);

/** Linear warm-up: from `lr` at step 0 up to `then`'s value at step `steps`, then `then`. */
export const linearWarmup =
  (lr: number, steps: number, then: Schedule): Schedule =>
  (epoch, step) => {
    const done = globalStep(epoch, step, 'linearWarmup');
    const target = then(epoch, step);
    return done < steps ? lr + ((target - lr) * done) / steps : target;
  };
