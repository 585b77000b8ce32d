/**
 * Fails (exit 1) when a module boundary is broken: a pure folder importing tfjs, rxjs or node:*,
 * a library importing an app, a project without tags, or a dependency cycle between projects.
 * Usage: npm run boundaries
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { findViolations } from './boundaries/check.ts';
import { projectCycle } from './boundaries/project-graph.ts';
import { readProjects, readSources } from './boundaries/workspace.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projects = readProjects(root);
const files = readSources(root, projects);
const cycle = projectCycle(projects, files);
const problems = [...findViolations(projects, files), ...(cycle ? [`dependency cycle: ${cycle}`] : [])];
for (const problem of problems) console.error(problem);
console.log(`module boundaries: ${projects.length} projects, ${files.length} files, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
