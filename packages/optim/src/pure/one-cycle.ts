import { epochProgress, type Schedule } from './schedule.ts';

/** One-cycle's shape; the defaults are PyTorch's `OneCycleLR` ones. */
export interface OneCycleShape {
  /** Fraction of the run spent rising to `maxLr`. */
  readonly pctStart: number;
  /** The run starts at maxLr / divFactor. */
  readonly divFactor: number;
  /** The run ends at maxLr / divFactor / finalDivFactor. */
  readonly finalDivFactor: number;
}

export const defaultOneCycleShape: OneCycleShape = { pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 };

// Cosine interpolation from a (t = 0) to b (t = 1).
const cosineBetween = (a: number, b: number, t: number): number => b + ((a - b) * (1 + Math.cos(Math.PI * t))) / 2;

/** Smith's one-cycle over `epochs`: cosine rise to `maxLr`, then cosine fall far below the start. */
export const oneCycle =
  (maxLr: number, epochs: number, shape: OneCycleShape = defaultOneCycleShape): Schedule =>
  (epoch, step) => {
    const start = maxLr / shape.divFactor;
    const end = start / shape.finalDivFactor;
    const t = Math.min(epochProgress(epoch, step) / epochs, 1);
    return t < shape.pctStart
      ? cosineBetween(start, maxLr, t / shape.pctStart)
      : cosineBetween(maxLr, end, (t - shape.pctStart) / (1 - shape.pctStart));
  };
