import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import { oneLineError } from './one-line-error.ts';
import { ScheduleSpec } from './schedule-spec.ts';

// The compact form (see schedule-grammar.ts) is parsed into the same raw object a JSON config
// would hold, then decoded by the one codec, so both forms share every check and message.

type Raw = Record<string, unknown>;
interface Stage {
  readonly name: string;
  readonly args: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// A non-numeric token, or one beyond float64 (1e400 is Infinity, which JSON shows as null), stays
// a string, so the codec's message quotes what the user typed.
const num = (s: string | undefined): unknown => (s === undefined ? undefined : NUMBER.test(s) && Number.isFinite(Number(s)) ? Number(s) : s);
const numList = (s: string): unknown[] => s.split(',').map(num);

type StageParser = (args: string) => Raw | undefined;
const when = (re: RegExp, build: (m: RegExpExecArray) => Raw): StageParser => (args) => {
  const m = re.exec(args);
  return m === null ? undefined : build(m);
};

const bases: Record<string, { readonly usage: string; readonly parse: StageParser }> = {
  neon: { usage: 'neon', parse: when(/^$/, () => ({ kind: 'multistep', milestones: [90, 135] })) },
  step: { usage: 'step:EPOCH,EPOCH,...', parse: when(/^(.+)$/, (m) => ({ kind: 'multistep', milestones: numList(m[1] ?? '') })) },
  multistep: {
    usage: 'multistep:LR[*FACTOR]@EPOCH,EPOCH,...',
    parse: when(/^([^*@]+)(?:\*([^@]+))?@(.+)$/, (m) => ({ kind: 'multistep', lr: num(m[1]), factor: num(m[2]), milestones: numList(m[3] ?? '') })),
  },
  constant: { usage: 'constant:LR', parse: when(/^([^@]+)$/, (m) => ({ kind: 'constant', lr: num(m[1]) })) },
  cosine: {
    usage: 'cosine[:LR[..MIN_LR]][@EPOCHS]',
    parse: when(/^(?:(.+?)(?:\.\.([^@]+))?)?(?:@(.+))?$/, (m) => ({ kind: 'cosine', lr: num(m[1]), minLr: num(m[2]), epochs: num(m[3]) })),
  },
  onecycle: {
    usage: 'onecycle:MAX_LR[@EPOCHS][~PCT_START]',
    parse: when(/^([^@~]+)(?:@([^~]+))?(?:~(.+))?$/, (m) => ({ kind: 'onecycle', maxLr: num(m[1]), epochs: num(m[2]), pctStart: num(m[3]) })),
  },
};

const warmups: Record<string, { readonly usage: string; readonly ramp: string }> = {
  warmup: { usage: 'warmup:LR@STEPS', ramp: 'constant' },
  'linear-warmup': { usage: 'linear-warmup:LR@STEPS', ramp: 'linear' },
};

// "warmup:0.01@400,step:90,135" -> [warmup 0.01@400] [step 90,135]: a token starting with a
// letter opens a stage, number tokens continue the previous stage's list.
const splitStages = (text: string): E.Either<string, ReadonlyArray<Stage>> =>
  pipe(
    text.split(',').map((token) => token.trim()),
    RA.reduce(E.right<string, Stage[]>([]), (acc, token) =>
      E.flatMap(acc, (stages): E.Either<string, Stage[]> => {
        const last = stages[stages.length - 1];
        if (/^[a-z]/i.test(token)) {
          const colon = token.indexOf(':');
          return E.right([...stages, colon < 0 ? { name: token, args: '' } : { name: token.slice(0, colon), args: token.slice(colon + 1) }]);
        }
        return last === undefined
          ? E.left(`expected a schedule kind at the start, got '${token}'`)
          : E.right([...stages.slice(0, -1), { name: last.name, args: `${last.args},${token}` }]);
      }),
    ),
  );

const usageError = (stage: Stage, usage: string): string =>
  `'${stage.name}${stage.args === '' ? '' : `:${stage.args}`}' does not read as ${usage}`;

const parseBase = (stage: Stage): E.Either<string, Raw> => {
  const base = bases[stage.name];
  if (base === undefined) {
    return E.left(
      warmups[stage.name] === undefined
        ? `unknown schedule kind '${stage.name}' (expected ${Object.keys(bases).join(', ')}, or warmup/linear-warmup before one)`
        : `${stage.name} needs the schedule it hands over to after it, e.g. ${stage.name}:0.01@400,neon`,
    );
  }
  return E.fromNullable(usageError(stage, base.usage))(base.parse(stage.args));
};

const wrap = (stage: Stage, then: Raw): E.Either<string, Raw> => {
  const warm = warmups[stage.name];
  if (warm === undefined) return E.left(`'${stage.name}' must come last: only warmup and linear-warmup may precede another schedule`);
  const m = /^([^@]+)@(.+)$/.exec(stage.args);
  return m === null ? E.left(usageError(stage, warm.usage)) : E.right({ kind: 'warmup', lr: num(m[1]), steps: num(m[2]), ramp: warm.ramp, then });
};

/** Parses the compact form, e.g. `warmup:0.01@400,step:90,135`; Left is a one-line message. */
export const parseSchedule = (text: string): E.Either<string, ScheduleSpec> =>
  pipe(
    text.trim() === '' ? E.left('empty schedule (try neon, or warmup:0.01@400,step:90,135)') : splitStages(text.trim()),
    E.flatMap((stages) => {
      const base = stages[stages.length - 1];
      if (base === undefined) return E.left('empty schedule');
      return pipe(stages.slice(0, -1), RA.reduceRight(parseBase(base), (stage, inner: E.Either<string, Raw>) => E.flatMap(inner, (then) => wrap(stage, then))));
    }),
    E.flatMap((raw) => pipe(ScheduleSpec.decode(raw), E.mapLeft((errors) => oneLineError('', errors)))),
    E.mapLeft((message) => `schedule '${text}': ${message}`),
  );
