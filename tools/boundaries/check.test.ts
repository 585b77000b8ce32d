import { describe, expect, it } from 'vitest';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findViolations, type Project } from './check.ts';
import { findCycle } from './cycles.ts';
import { projectCycle } from './project-graph.ts';
import { readProjects, readSources } from './workspace.ts';

const lib: Project = { name: '@resnet-cifar/optim', root: 'packages/optim', tags: ['type:lib'] };
const other: Project = { name: '@resnet-cifar/loader', root: 'packages/loader', tags: ['type:lib'] };
const app: Project = { name: '@resnet-cifar/train-app', root: 'apps/train-app', tags: ['type:app'] };
const projects = [lib, other, app];
const file = (path: string, source: string) => ({ path, source });

describe('module boundaries', () => {
  it.each([
    ["import * as tf from '@tensorflow/tfjs';", 'pure code imports @tensorflow/tfjs'],
    ["import { map } from 'rxjs';", 'pure code imports rxjs'],
    ["import { readFileSync } from 'node:fs';", 'pure code imports node:fs'],
    ["const fs = await import('fs');", 'pure code imports fs'],
    ["export { sgd } from '../sgd.ts';", 'pure code imports non-pure ../sgd.ts'],
    ["import { loader } from '@resnet-cifar/loader';", 'only its /pure entry is allowed'],
  ])('rejects a pure file that says %s', (source, reason) => {
    const problems = findViolations(projects, [file('packages/optim/src/pure/schedule.ts', source)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(reason);
  });

  it('lets pure code import fp-ts, io-ts, its pure siblings and other packages\' pure entries', () => {
    const source = [
      "import { pipe } from 'fp-ts/function';",
      "import * as t from 'io-ts';",
      "import { step } from './step.ts';",
      "import type { Graph } from '@resnet-cifar/resnet-graph/pure';",
    ].join('\n');
    expect(findViolations(projects, [file('packages/optim/src/pure/schedule.ts', source)])).toEqual([]);
  });

  it('lets a test beside pure code use its runner, but not the code under test escape', () => {
    const test = "import { it } from 'vitest';\nimport { readFileSync } from 'node:fs';\nimport { step } from './step.ts';";
    expect(findViolations(projects, [file('packages/optim/src/pure/step.test.ts', test)])).toEqual([]);
    expect(findViolations(projects, [file('packages/optim/src/pure/step.ts', "import { it } from 'vitest';")])).toHaveLength(1);
  });

  it('rejects a library importing an app, by tag', () => {
    const problems = findViolations(projects, [file('packages/optim/src/sgd.ts', "import '@resnet-cifar/train-app';")]);
    expect(problems).toEqual([expect.stringContaining('may not import @resnet-cifar/train-app')]);
  });

  it('rejects an app importing another app and a relative import out of a project', () => {
    const bench: Project = { name: '@resnet-cifar/benchmark-app', root: 'apps/benchmark-app', tags: ['type:app'] };
    const problems = findViolations([...projects, bench], [
      file('apps/benchmark-app/src/main.ts', "import { x } from '@resnet-cifar/train-app';"),
      file('apps/benchmark-app/src/other.ts', "import { y } from '../../train-app/src/y.ts';"),
    ]);
    expect(problems).toHaveLength(2);
  });

  it('lets tests and their helpers import the test-support package, and nothing else', () => {
    const support: Project = { name: '@resnet-cifar/test-support', root: 'packages/test-support', tags: ['type:test-support'] };
    const source = "import { testSeed } from '@resnet-cifar/test-support';";
    const testCode = ['packages/optim/src/sgd.test.ts', 'packages/optim/src/test-support/toy.ts', 'packages/optim/src/pure-tests/seed.ts', 'packages/optim/src/test-support.ts'];
    expect(findViolations([...projects, support], testCode.map((path) => file(path, source)))).toEqual([]);
    const problems = findViolations([...projects, support], [file('packages/optim/src/sgd.ts', source), file('apps/train-app/src/main.ts', source)]);
    expect(problems).toEqual([
      expect.stringContaining('packages/optim/src/sgd.ts: @resnet-cifar/optim (type:lib) may not import @resnet-cifar/test-support'),
      expect.stringContaining('apps/train-app/src/main.ts: @resnet-cifar/train-app (type:app) may not import @resnet-cifar/test-support'),
    ]);
  });

  it('rejects an import of a workspace package that package.json does not list', () => {
    const declaring = { ...app, declared: ['@resnet-cifar/optim'] };
    const problems = findViolations([lib, other, declaring], [
      file('apps/train-app/src/main.ts', "import { sgd } from '@resnet-cifar/optim';\nimport { load } from '@resnet-cifar/loader';"),
    ]);
    expect(problems).toEqual(['apps/train-app/src/main.ts: imports @resnet-cifar/loader, which apps/train-app/package.json does not list']);
  });

  it('rejects a project without tags', () => {
    const untagged = { ...lib, tags: [] };
    expect(findViolations([untagged], [file('packages/optim/src/a.ts', 'export const a = 1;')])).toEqual([
      'packages/optim/src/a.ts: project @resnet-cifar/optim has no tags',
    ]);
  });

  it('finds a dependency cycle and accepts a chain', () => {
    const graph = (pairs: [string, string][]) => {
      const edges = new Map<string, Set<string>>();
      for (const [a, b] of pairs) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      return edges;
    };
    expect(findCycle(graph([['a', 'b'], ['b', 'c'], ['c', 'a']]))).toBe('a -> b -> c -> a');
    expect(findCycle(graph([['a', 'b'], ['b', 'c']]))).toBeUndefined();
  });

  it('holds for this repository', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const repoProjects = readProjects(root);
    const files = readSources(root, repoProjects);
    expect(repoProjects.length).toBeGreaterThan(0);
    expect(findViolations(repoProjects, files)).toEqual([]);
    expect(projectCycle(repoProjects, files)).toBeUndefined();
  });
});
