import type { Project, SourceFile } from './check.ts';
import { findCycle } from './cycles.ts';
import { importSpecifiers, packageOf } from './imports.ts';

/** Project -> the projects its sources import; then the first cycle in that graph, if any. */
export const projectCycle = (projects: readonly Project[], files: readonly SourceFile[]): string | undefined => {
  const names = new Set(projects.map((p) => p.name));
  const edges = new Map<string, Set<string>>(projects.map((p) => [p.name, new Set<string>()]));
  for (const file of files) {
    const owner = projects.find((p) => file.path.startsWith(p.root + '/'));
    if (!owner) continue;
    for (const spec of importSpecifiers(file.source)) {
      const target = packageOf(spec);
      if (names.has(target) && target !== owner.name) edges.get(owner.name)?.add(target);
    }
  }
  return findCycle(edges);
};
