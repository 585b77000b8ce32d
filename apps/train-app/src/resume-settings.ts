import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { kebab } from '@resnet-cifar/cli-options';
import { RunConfig } from '@resnet-cifar/trainer/pure';
import type { TrainOptions } from './run-config-of.ts';

/** What train-app keeps in a checkpoint for itself (`meta.app`); older checkpoints may lack it. */
export const TrainAppMeta = t.partial({
  /** Where the run's data and model live: a resume finds them without being told again. */
  settings: t.partial({ dataDir: t.string, source: t.string, savePath: t.string }),
  /** Bytes of each log when the checkpoint was written: what came after is redone by the resume. */
  logBytes: t.record(t.string, t.number),
});
export type TrainAppMeta = t.TypeOf<typeof TrainAppMeta>;

/** The options a checkpoint holds: what decides the computation (its RunConfig), then the paths. */
const STORED = [
  'depth', 'epochs', 'batchSize', 'lr', 'momentum', 'weightDecay', 'schedule', 'shortcut', 'padding', 'lastBatch', 'recompute',
  'evalFreq', 'seed', 'trainRecords', 'valRecords', 'dataDir', 'source', 'savePath',
] as const satisfies ReadonlyArray<keyof TrainOptions>;
type Stored = (typeof STORED)[number];

/**
 * A resume may change these: train longer, validate otherwise, trade memory for time (recompute),
 * find moved files. Not what a step computes.
 */
const CHANGEABLE: ReadonlySet<Stored> = new Set(['epochs', 'evalFreq', 'valRecords', 'recompute', 'dataDir', 'source', 'savePath']);

export const appMetaOf = (o: TrainOptions, logBytes: Record<string, number>): TrainAppMeta => ({
  settings: { dataDir: o.dataDir, source: o.source, ...(o.savePath === undefined ? {} : { savePath: o.savePath }) },
  logBytes,
});

const flagOf = (name: Stored, value: unknown): string => (value === undefined ? `no --${kebab(name)}` : `--${kebab(name)}=${String(value)}`);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The checkpoint's settings, by option name; a path an older checkpoint did not keep is simply absent. */
const storedOf = (config: unknown, app: unknown): E.Either<string, Partial<Record<Stored, unknown>>> =>
  pipe(
    RunConfig.decode(config),
    E.mapLeft((errors) => `--resume: the checkpoint's settings do not decode (${PathReporter.report(E.left(errors))[0]}): start a new --output-dir`),
    E.map((run) => {
      const settings = pipe(TrainAppMeta.decode(app ?? {}), E.map((m) => m.settings), E.getOrElseW(() => undefined));
      // A checkpoint without recompute (one from before the option, too) trained without it.
      const unset = { lr: undefined, trainRecords: undefined, valRecords: undefined, recompute: 'none' };
      return { ...unset, ...run, ...(settings ? { savePath: undefined, ...settings } : {}) };
    }),
  );

const refusal = (options: TrainOptions, stored: Partial<Record<Stored, unknown>>, conflicts: readonly Stored[]): string =>
  `--resume: the run in ${options.outputDir} was started with ${conflicts.map((k) => flagOf(k, stored[k])).join(' ')}; ` +
  `${conflicts.map((k) => flagOf(k, options[k])).join(' ')} would change what it computes: ` +
  `leave ${conflicts.length > 1 ? 'them' : 'it'} out (the run's own settings are taken), or start a new --output-dir`;

/** The settings a resume runs with, as options, and the ones this command line changed. */
const described = (merged: TrainOptions, changed: readonly Stored[], options: TrainOptions): string => {
  const settings = STORED.filter((k) => merged[k] !== undefined).map((k) => flagOf(k, merged[k])).join(' ');
  return `with its settings: ${settings}${changed.length > 0 ? ` (changed now: ${changed.map((k) => flagOf(k, options[k])).join(' ')})` : ''}`;
};

/**
 * `--resume` continues the run with the settings it was started with: every option the command
 * line did not name is taken from the checkpoint. A named one may change only what does not change
 * a step (CHANGEABLE); any other that differs is refused, naming the stored and the given values.
 */
export const resumeSettings = (options: TrainOptions, given: ReadonlySet<string>, config: unknown, app: unknown): E.Either<string, { options: TrainOptions; line: string }> =>
  pipe(
    storedOf(config, app),
    E.flatMap((stored) => {
      const differs = STORED.filter((k) => k in stored && given.has(k) && !same(options[k], stored[k]));
      const conflicts = differs.filter((k) => !CHANGEABLE.has(k));
      if (conflicts.length > 0) return E.left(refusal(options, stored, conflicts));
      const merged = { ...options, ...Object.fromEntries(STORED.filter((k) => k in stored && !given.has(k)).map((k) => [k, stored[k]])) } as TrainOptions;
      return E.right({ options: merged, line: described(merged, differs, options) });
    }),
  );
