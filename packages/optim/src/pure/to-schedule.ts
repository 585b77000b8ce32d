import { constant } from './constant.ts';
import { cosine } from './cosine.ts';
import { multiStep } from './multi-step.ts';
import { defaultOneCycleShape, oneCycle } from './one-cycle.ts';
import type { Schedule } from './schedule.ts';
import type { ScheduleSpec } from './schedule-spec.ts';
import { linearWarmup, warmup } from './warmup.ts';

/** The schedule a decoded spec describes. */
export const toSchedule = (spec: ScheduleSpec): Schedule => {
  switch (spec.kind) {
    case 'constant':
      return constant(spec.lr);
    case 'multistep':
      return multiStep(spec.lr, spec.milestones, spec.factor);
    case 'cosine':
      return cosine(spec.lr, spec.epochs, spec.minLr);
    case 'onecycle':
      return oneCycle(spec.maxLr, spec.epochs, { ...defaultOneCycleShape, pctStart: spec.pctStart });
    case 'warmup':
      return (spec.ramp === 'linear' ? linearWarmup : warmup)(spec.lr, spec.steps, toSchedule(spec.then));
  }
};
