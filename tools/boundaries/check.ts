import { depConstraints, pureAllowedPackages, SCOPE, testOnlyTags } from './rules.ts';
import { importSpecifiers, packageOf } from './imports.ts';

export interface Project {
  readonly name: string; // npm name, e.g. @resnet-cifar/loader
  readonly root: string; // e.g. packages/loader
  readonly tags: readonly string[];
  /** Workspace packages its package.json lists (dependencies and devDependencies). */
  readonly declared?: readonly string[];
}

export interface SourceFile {
  readonly path: string; // relative to the repository root, '/'-separated
  readonly source: string;
}

const isRelative = (spec: string): boolean => spec.startsWith('.');

const isPurePath = (path: string): boolean => /^packages\/[^/]+\/src\/pure\//.test(path);

// A test beside pure code needs its runner (vitest, fast-check, temp files); what it tests stays pure.
const isTest = (path: string): boolean => path.endsWith('.test.ts');

/** Tests and what only they use: fixtures and helpers under test-support/ or pure-tests/. */
const isTestCode = (path: string): boolean => isTest(path) || /(^|\/)(test-support|pure-tests)(\/|\.ts$)/.test(path);

const resolveRelative = (from: string, spec: string): string => {
  const parts = from.split('/').slice(0, -1);
  for (const segment of spec.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/');
};

const pureViolation = (file: string, spec: string): string | undefined => {
  if (isRelative(spec)) {
    return isPurePath(resolveRelative(file, spec)) ? undefined : `pure code imports non-pure ${spec}`;
  }
  if (spec.startsWith(SCOPE)) return spec.endsWith('/pure') ? undefined : `pure code imports ${spec} (only its /pure entry is allowed)`;
  return pureAllowedPackages.includes(packageOf(spec)) ? undefined : `pure code imports ${spec}`;
};

const tagViolation = (source: Project, target: Project, fromTest: boolean): string | undefined => {
  for (const constraint of depConstraints) {
    if (!source.tags.includes(constraint.sourceTag)) continue;
    const allowedTags = fromTest ? [...constraint.onlyDependOnProjectsWithTags, ...testOnlyTags] : constraint.onlyDependOnProjectsWithTags;
    const allowed = target.tags.some((tag) => allowedTags.includes(tag));
    if (!allowed) return `${source.name} (${constraint.sourceTag}) may not import ${target.name} [${target.tags.join(', ')}]`;
  }
  return undefined;
};

const escapesProject = (file: string, spec: string, project: Project): boolean =>
  isRelative(spec) && !resolveRelative(file, spec).startsWith(project.root + '/');

/** One line per broken rule, `path: reason`; an empty list means the boundaries hold. */
export const findViolations = (projects: readonly Project[], files: readonly SourceFile[]): readonly string[] => {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const ownerOf = (path: string) => projects.find((p) => path.startsWith(p.root + '/'));
  return files.flatMap((file) => {
    const owner = ownerOf(file.path);
    const untagged = owner && owner.tags.length === 0 ? [`${file.path}: project ${owner.name} has no tags`] : [];
    const broken = importSpecifiers(file.source).flatMap((spec) => {
      const reasons: (string | undefined)[] = [];
      if (isPurePath(file.path) && !isTest(file.path)) reasons.push(pureViolation(file.path, spec));
      if (owner && escapesProject(file.path, spec, owner)) reasons.push(`relative import ${spec} leaves ${owner.root}`);
      const target = byName.get(packageOf(spec));
      if (owner && target && target !== owner) reasons.push(tagViolation(owner, target, isTestCode(file.path)));
      if (owner?.declared && target && target !== owner && !owner.declared.includes(target.name)) {
        reasons.push(`imports ${target.name}, which ${owner.root}/package.json does not list`);
      }
      return reasons.filter((r): r is string => r !== undefined).map((r) => `${file.path}: ${r}`);
    });
    return [...untagged, ...broken];
  });
};
