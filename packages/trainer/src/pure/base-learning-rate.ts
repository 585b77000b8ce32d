import type { ScheduleSpec } from '@resnet-cifar/optim/pure';

/** `--lr` replaces the base rate of the schedule it is given with (warm-ups keep their own rate). */
export const withBaseLearningRate = (spec: ScheduleSpec, lr: number): ScheduleSpec => {
  switch (spec.kind) {
    case 'warmup':
      return { ...spec, then: withBaseLearningRate(spec.then, lr) };
    case 'onecycle':
      return { ...spec, maxLr: lr };
    default:
      return { ...spec, lr } as ScheduleSpec;
  }
};
