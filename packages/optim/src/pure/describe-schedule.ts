import { formatSchedule } from './format-schedule.ts';
import type { ScheduleSpec } from './schedule-spec.ts';

const inWords = (spec: ScheduleSpec): string => {
  switch (spec.kind) {
    case 'constant':
      return `lr ${spec.lr} throughout`;
    case 'multistep':
      return spec.milestones.length === 0
        ? `lr ${spec.lr} throughout`
        : `lr ${spec.lr}, x${spec.factor} at epoch${spec.milestones.length > 1 ? 's' : ''} ${spec.milestones.join(', ')}`;
    case 'cosine':
      return `cosine from lr ${spec.lr} to ${spec.minLr} over ${spec.epochs} epochs`;
    case 'onecycle':
      return `one-cycle: up to lr ${spec.maxLr} over the first ${spec.pctStart * 100}% of ${spec.epochs} epochs, then down (PyTorch's divisors 25 and 1e4)`;
    case 'warmup':
      return spec.ramp === 'linear'
        ? `linear from lr ${spec.lr} over the first ${spec.steps} steps into: ${inWords(spec.then)}`
        : `lr ${spec.lr} for the first ${spec.steps} steps, then ${inWords(spec.then)}`;
  }
};

/**
 * One line for logs and `--help`: the compact form (it parses back to the same spec) and what it
 * means, e.g. `warmup:0.01@400,step:90,135 = lr 0.01 for the first 400 steps, then lr 0.1, x0.1 at epochs 90, 135`.
 */
export const describeSchedule = (spec: ScheduleSpec): string => `${formatSchedule(spec)} = ${inWords(spec)}`;
