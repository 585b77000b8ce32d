import * as t from 'io-ts';
import { closedStruct } from './closed-struct.ts';
import { LearningRate, Milestones, OpenFraction, PositiveInt, PositiveNumber, oneOf, withDefault } from './fields.ts';

// A schedule as plain data: what configs, checkpoints and logs carry. `toSchedule` turns it into
// the function. Absent optional fields decode to the defaults shown here.

export const ConstantSpec = closedStruct('constant schedule', { kind: t.literal('constant'), lr: LearningRate });
export type ConstantSpec = t.TypeOf<typeof ConstantSpec>;

export const MultiStepSpec = closedStruct('multistep schedule', {
  kind: t.literal('multistep'),
  lr: withDefault(LearningRate, 0.1),
  milestones: Milestones,
  factor: withDefault(PositiveNumber, 0.1),
});
export type MultiStepSpec = t.TypeOf<typeof MultiStepSpec>;

export const CosineSpec = closedStruct('cosine schedule', {
  kind: t.literal('cosine'),
  lr: withDefault(LearningRate, 0.1),
  epochs: withDefault(PositiveInt, 180),
  minLr: withDefault(LearningRate, 0),
});
export type CosineSpec = t.TypeOf<typeof CosineSpec>;

/** One-cycle with PyTorch's divisors (start at maxLr / 25, end 1e4 times lower still). */
export const OneCycleSpec = closedStruct('onecycle schedule', {
  kind: t.literal('onecycle'),
  maxLr: LearningRate,
  epochs: withDefault(PositiveInt, 180),
  pctStart: withDefault(OpenFraction, 0.3),
});
export type OneCycleSpec = t.TypeOf<typeof OneCycleSpec>;

/** `ramp: 'constant'` is He et al.'s warm-up; `'linear'` rises from `lr` to the next schedule's rate. */
export interface WarmupSpec {
  readonly kind: 'warmup';
  readonly lr: number;
  readonly steps: number;
  readonly ramp: 'constant' | 'linear';
  readonly then: ScheduleSpec;
}

export type ScheduleSpec = ConstantSpec | MultiStepSpec | CosineSpec | OneCycleSpec | WarmupSpec;

type AnySpecCodec = t.Type<ScheduleSpec, unknown, unknown>;
// Each variant's codec is only ever handed its own kind (see `codecFor`), so widening is safe.
const widen = <A extends ScheduleSpec, O>(codec: t.Type<A, O, unknown>): AnySpecCodec => codec as unknown as AnySpecCodec;

const byKind = (self: AnySpecCodec): Record<ScheduleSpec['kind'], AnySpecCodec> => ({
  constant: widen(ConstantSpec),
  multistep: widen(MultiStepSpec),
  cosine: widen(CosineSpec),
  onecycle: widen(OneCycleSpec),
  warmup: widen(closedStruct('warmup schedule', {
    kind: t.literal('warmup'),
    lr: LearningRate,
    steps: PositiveInt,
    ramp: withDefault(oneOf('WarmupRamp', ['constant', 'linear'] as const), 'constant'),
    then: self,
  })),
});

const kindOf = (u: unknown): unknown => (typeof u === 'object' && u !== null ? (u as { kind?: unknown }).kind : undefined);

/** Dispatches on `kind`, so an error names the field at fault rather than listing every variant's. */
export const ScheduleSpec: AnySpecCodec = t.recursion('ScheduleSpec', (self) => {
  const codecs = byKind(self);
  const codecFor = (u: unknown): AnySpecCodec | undefined => {
    const kind = kindOf(u);
    return typeof kind === 'string' && Object.hasOwn(codecs, kind) ? codecs[kind as ScheduleSpec['kind']] : undefined;
  };
  return new t.Type<ScheduleSpec, unknown, unknown>(
    'ScheduleSpec',
    (u): u is ScheduleSpec => codecFor(u)?.is(u) ?? false,
    (u, c) =>
      codecFor(u)?.validate(u, c) ??
      t.failure(
        u,
        c,
        kindOf(u) === undefined
          ? `a schedule is an object with a kind (${Object.keys(codecs).join(', ')}) or a compact string, got ${JSON.stringify(u)}`
          : `unknown schedule kind ${JSON.stringify(kindOf(u))} (expected ${Object.keys(codecs).join(', ')})`,
      ),
    (a) => codecs[a.kind].encode(a),
  );
});
