import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '@resnet-cifar/cli-options';
import { trainOptionSpec } from './options.ts';
import { runConfigOf } from './run-config-of.ts';
import { appMetaOf, resumeSettings } from './resume-settings.ts';

const parsed = (argv: string[]) => {
  const result = parseOptions(trainOptionSpec, argv);
  if (E.isLeft(result) || result.right.help) throw new Error('unexpected parse');
  return result.right;
};

// What a checkpoint of `--depth=3 --batch-size=64 --train-records=5000 --data-dir=tmp/r` holds.
const started = parsed(['--depth=3', '--batch-size=64', '--train-records=5000', '--data-dir=tmp/r', '--output-dir=runs/x']).options;
const config = runConfigOf(started);
const app = appMetaOf(started, { 'events.jsonl': 10 });

const resume = (argv: string[], withApp: unknown = app) => {
  const now = parsed(['--resume', '--output-dir=runs/x', ...argv]);
  return resumeSettings(now.options, now.given, config, withApp);
};

describe('resumeSettings', () => {
  it('takes every setting not given from the checkpoint, and prints them', () => {
    const result = resume([]);
    if (E.isLeft(result)) throw new Error(result.left);
    expect(result.right.options).toMatchObject({ depth: 3, batchSize: 64, trainRecords: 5000, dataDir: 'tmp/r', epochs: 180, resume: true });
    expect(result.right.line).toMatch(/^with its settings: --depth=3 --epochs=180 --batch-size=64 .*--train-records=5000 --data-dir=tmp\/r/);
  });

  it('lets a resume train longer or look elsewhere for its data, and says what changed', () => {
    const result = resume(['--epochs=200', '--data-dir=/mnt/r', '--depth=3']);
    if (E.isLeft(result)) throw new Error(result.left);
    expect(result.right.options).toMatchObject({ epochs: 200, dataDir: '/mnt/r', depth: 3 });
    expect(result.right.line).toMatch(/\(changed now: --epochs=200 --data-dir=\/mnt\/r\)$/);
  });

  it('refuses what would change a step, naming the stored and the given values (an unset one too)', () => {
    expect(resume(['--batch-size=128', '--lr=0.05'])).toEqual(
      E.left("--resume: the run in runs/x was started with --batch-size=64 no --lr; --batch-size=128 --lr=0.05 would change what it computes: leave them out (the run's own settings are taken), or start a new --output-dir"),
    );
  });

  it('lets a resume switch --recompute, which trades memory for time and changes no bit, and says so', () => {
    const result = resume(['--recompute=blocks']);
    if (E.isLeft(result)) throw new Error(result.left);
    expect(result.right.options.recompute).toBe('blocks');
    expect(result.right.line).toMatch(/\(changed now: --recompute=blocks\)$/);
  });

  it('keeps the run\'s own --recompute when none is given, and takes none from a checkpoint from before the option', () => {
    const now = parsed(['--resume', '--output-dir=runs/x']);
    const blocks = resumeSettings(now.options, now.given, { ...config, recompute: 'blocks' }, app);
    expect(E.isRight(blocks) && blocks.right.options.recompute).toBe('blocks');
    const { recompute: _, ...older } = config;
    const none = resumeSettings({ ...now.options, recompute: 'blocks' }, now.given, older, app); // not given: the checkpoint's value wins
    expect(E.isRight(none) && none.right.options.recompute).toBe('none');
  });

  it('keeps the given paths for a checkpoint written before it stored them', () => {
    const result = resume(['--data-dir=elsewhere'], undefined);
    expect(E.isRight(result) && result.right.options.dataDir).toBe('elsewhere');
  });
});
