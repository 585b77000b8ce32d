import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'run-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real program on runCli, run as a process, since exit codes and stderr are what it is for.
const program = join(dir, 'program.ts');
writeFileSync(
  program,
  `import { runCli, option, int } from ${JSON.stringify(resolve(root, 'packages/cli-options/src/index.ts'))};
runCli({
  name: 'demo', command: 'demo', summary: 'Says a number.',
  spec: { n: option(int(0, 9), 'a digit', 1) },
  run: async ({ n }, fail) => (n === 7 ? fail(3, 'seven is refused') : n === 8 ? Promise.reject(new Error('boom')) : (console.log('n=' + n), 0)),
});
`,
);
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', program, ...args], { cwd: root, encoding: 'utf8' });

describe('runCli', () => {
  it('runs with decoded options and exits 0', () => {
    const result = run('--n=4');
    expect([result.status, result.stdout.trim()]).toEqual([0, 'n=4']);
  });

  it('answers a bad option with one prefixed line and exit 2', () => {
    const result = run('--n=12');
    expect([result.status, result.stderr.trim()]).toEqual([2, "demo: invalid --n '12': expected an integer in 0..9"]);
  });

  it('prints the usage for --help and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--n  a digit; an integer in 0..9 (default: 1)');
  });

  it("passes the program's own failure code through, and turns a rejection into exit 1", () => {
    expect([run('--n=7').status, run('--n=7').stderr.trim()]).toEqual([3, 'demo: seven is refused']);
    const crashed = run('--n=8');
    expect(crashed.status).toBe(1);
    expect(crashed.stderr).toMatch(/^demo: unexpected error: Error: boom/);
  });
});
