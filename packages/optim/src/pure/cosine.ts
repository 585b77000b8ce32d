import { epochProgress, type Schedule } from './schedule.ts';

/** Half a cosine from `lr` at epoch 0 down to `minLr` at `epochs`, flat afterwards (SGDR without restarts). */
export const cosine =
  (lr: number, epochs: number, minLr = 0): Schedule =>
  (epoch, step) => {
    const t = Math.min(epochProgress(epoch, step) / epochs, 1);
    return minLr + ((lr - minLr) * (1 + Math.cos(Math.PI * t))) / 2;
  };
