/**
 * The module-boundary rules of this repository, in the spirit of Nx's `depConstraints`:
 * a project may only import projects whose tags its constraint allows, and code under a
 * package's `src/pure/` may import nothing effectful (no tfjs, no rxjs, no Node built-ins).
 */
export interface DepConstraint {
  readonly sourceTag: string;
  readonly onlyDependOnProjectsWithTags: readonly string[];
}

export const depConstraints: readonly DepConstraint[] = [
  { sourceTag: 'type:lib', onlyDependOnProjectsWithTags: ['type:lib'] },
  { sourceTag: 'type:app', onlyDependOnProjectsWithTags: ['type:lib'] },
  { sourceTag: 'type:test-support', onlyDependOnProjectsWithTags: [] },
];

/** Tags of projects that only test code (tests, their fixtures, helpers) may import. */
export const testOnlyTags: readonly string[] = ['type:test-support'];

/** What pure code may import besides other pure files. */
export const pureAllowedPackages: readonly string[] = ['fp-ts', 'io-ts'];

export const SCOPE = '@resnet-cifar/';
