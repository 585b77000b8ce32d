import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Project, SourceFile } from './check.ts';

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8'));

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** Every Nx project under packages/ and apps/, with its npm name and tags. */
export const readProjects = (root: string): Project[] =>
  ['packages', 'apps'].flatMap((group) => {
    const groupDir = join(root, group);
    const names = statSync(groupDir, { throwIfNoEntry: false }) ? readdirSync(groupDir) : [];
    return names.filter((name) => statSync(join(groupDir, name, 'project.json'), { throwIfNoEntry: false })).map((name) => {
      const projectRoot = `${group}/${name}`;
      const project = readJson(join(root, projectRoot, 'project.json'));
      const pkg = readJson(join(root, projectRoot, 'package.json'));
      const declared = ['dependencies', 'devDependencies'].flatMap((field) => Object.keys((pkg[field] as object | undefined) ?? {}));
      return { name: String(pkg['name']), root: projectRoot, tags: (project['tags'] as string[] | undefined) ?? [], declared };
    });
  });

/** The TypeScript sources of every project (tests included: they obey the same rules). */
export const readSources = (root: string, projects: readonly Project[]): SourceFile[] =>
  projects.flatMap((project) =>
    walk(join(root, project.root, 'src'))
      .filter((path) => path.endsWith('.ts'))
      .map((path) => ({ path: relative(root, path).split('\\').join('/'), source: readFileSync(path, 'utf8') })),
  );
