// Pure part of @resnet-cifar/optim: schedules and option codecs; no tfjs, rxjs or node:*.
export { type Schedule, type StepInEpoch, epochProgress, globalStep } from './schedule.ts';
export { constant } from './constant.ts';
export { multiStep, neonStep } from './multi-step.ts';
export { warmup, linearWarmup } from './warmup.ts';
export { cosine } from './cosine.ts';
export { oneCycle, defaultOneCycleShape, type OneCycleShape } from './one-cycle.ts';
export { type WarmupGate, warming, updateGate, gatedSchedule } from './error-gated-warmup.ts';
export {
  ScheduleSpec,
  ConstantSpec,
  MultiStepSpec,
  CosineSpec,
  OneCycleSpec,
  type WarmupSpec,
} from './schedule-spec.ts';
export { toSchedule } from './to-schedule.ts';
export { parseSchedule } from './parse-schedule.ts';
export { decodeSchedule } from './decode-schedule.ts';
export { formatSchedule } from './format-schedule.ts';
export { describeSchedule } from './describe-schedule.ts';
export { scheduleGrammar } from './schedule-grammar.ts';
export { SgdForm, SgdOptions, defaultSgdOptions, decodeSgdOptionsJson } from './sgd-options.ts';
export { sgdGrammar, parseSgdOptions, decodeSgdOptions } from './parse-sgd-options.ts';
export { type SgdState } from './sgd-state.ts';
export { checkSgdState } from './check-sgd-state.ts';
export { isBatchNormParam } from './is-batch-norm-param.ts';
export { oneLineError } from './one-line-error.ts';
