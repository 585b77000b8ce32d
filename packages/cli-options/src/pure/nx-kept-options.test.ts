import { describe, expect, it } from 'vitest';
import { flag, positiveInt, text } from './codecs.ts';
import { nxKeptOptions } from './nx-kept-options.ts';
import { option } from './parse-options.ts';

const spec = {
  depth: option(positiveInt, 'n', 9),
  batchSize: option(positiveInt, 'images per step', 128),
  parallel: option(flag, 'children at once', false),
  outputDir: option(text, 'folder', 'runs'),
};
const task = 'train-app:run';
const kept = (typed: string[], received: string[], on = task) => nxKeptOptions(spec, received, { args: ['run', on, ...typed], task });

describe('nxKeptOptions', () => {
  it('gives back the options Nx kept for itself (--batch-size, --parallel), as typed', () => {
    expect(kept(['--depth=1', '--batch-size=64', '--parallel'], ['--depth=1'])).toEqual(['--batch-size=64', '--parallel']);
    expect(kept(['--batch-size', '64', '--depth', '1'], ['--depth', '1'])).toEqual(['--batch-size', '64']);
  });

  it('gives nothing back that reached the app, or that is not an option of the app', () => {
    expect(kept(['--depth=1', '--skip-nx-cache', '--verbose'], ['--depth=1'])).toEqual([]);
    expect(kept(['--batchSize=64'], ['--batchSize=64'])).toEqual([]);
  });

  it('leaves alone what follows --, which Nx passes on untouched', () => {
    expect(kept(['--', '--batch-size=64'], ['--batch-size=64'])).toEqual([]);
    expect(kept(['--parallel', '--', '--depth=1'], ['--depth=1'])).toEqual(['--parallel']);
  });

  it('gives back only to the task named on the command line, not to the tasks it depends on', () => {
    expect(kept(['--batch-size=64'], [], 'benchmark-app:bench-table')).toEqual([]);
    expect(kept(['--batch-size=64'], [], 'train-app:run:production')).toEqual(['--batch-size=64']);
    expect(nxKeptOptions(spec, [], { args: ['run', 'train-app', '--batch-size=64'], task })).toEqual(['--batch-size=64']);
    expect(nxKeptOptions(spec, [], { args: ['run', 'train-app', '--batch-size=64'], task: 'train-app:test' })).toEqual([]);
    expect(nxKeptOptions(spec, [], { args: ['run', 'train-app:test', '--batch-size=64'], task: 'train-app:test' })).toEqual(['--batch-size=64']);
    expect(nxKeptOptions(spec, [], { args: ['run-many', '-t', 'run', '--batch-size=64'], task })).toEqual([]);
  });

  it('gives nothing back outside Nx', () => {
    expect(nxKeptOptions(spec, ['--depth=1'], undefined)).toEqual([]);
  });
});
