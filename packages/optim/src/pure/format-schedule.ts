import type { ScheduleSpec } from './schedule-spec.ts';

/**
 * The canonical compact form of a spec; `parseSchedule(formatSchedule(s))` gives `s` back.
 * Logs and checkpoints record this string so a run can be repeated from its command line.
 */
export const formatSchedule = (spec: ScheduleSpec): string => {
  switch (spec.kind) {
    case 'constant':
      return `constant:${spec.lr}`;
    case 'multistep':
      return spec.lr === 0.1 && spec.factor === 0.1
        ? `step:${spec.milestones.join(',')}`
        : `multistep:${spec.lr}${spec.factor === 0.1 ? '' : `*${spec.factor}`}@${spec.milestones.join(',')}`;
    case 'cosine':
      return `cosine:${spec.lr}${spec.minLr === 0 ? '' : `..${spec.minLr}`}@${spec.epochs}`;
    case 'onecycle':
      return `onecycle:${spec.maxLr}@${spec.epochs}${spec.pctStart === 0.3 ? '' : `~${spec.pctStart}`}`;
    case 'warmup':
      return `${spec.ramp === 'linear' ? 'linear-warmup' : 'warmup'}:${spec.lr}@${spec.steps},${formatSchedule(spec.then)}`;
  }
};
