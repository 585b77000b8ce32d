import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Markdown files under `dir` (relative to the root), sources and dependencies left out. */
const markdown = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'src', 'bin'].includes(entry.name) || entry.name.startsWith('.') ? [] : markdown(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });

// A path from the repository root, as a README tells users to run or read it: `tools/gpu-check.ts`.
const PATH = /(?<![\w./-])(?:tools|apps|packages)\/[\w./-]+\.(?:ts|js|sh|py|md|json)\b/g;

it('every file the READMEs name by its path from the repository root exists', () => {
  const files = ['README.md', ...['apps', 'packages', 'tools'].flatMap(markdown)];
  const missing = files.flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(PATH)].map(([path]) => path).filter((path) => !existsSync(join(root, path))).map((path) => `${file}: ${path}`),
  );
  expect(missing).toEqual([]);
});
