import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'nx-invocation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A stand-in for Nx: a process whose second argument is a bin named `nx`, starting the task
// process through a shell as nx:run-commands does; the task reads the command line back.
const task = join(dir, 'task.ts');
writeFileSync(
  task,
  `import { nxInvocation, procfs, ps } from ${JSON.stringify(resolve(root, 'packages/cli-options/src/index.ts'))};
console.log(JSON.stringify([nxInvocation(process.env, procfs), nxInvocation(process.env, ps), nxInvocation({}, procfs)]));
`,
);
const fakeNx = join(dir, 'nx');
writeFileSync(
  fakeNx,
  `const { execSync } = require('node:child_process');
process.stdout.write(execSync(${JSON.stringify(`${process.execPath} --import tsx ${task}`)}, { cwd: ${JSON.stringify(root)}, encoding: 'utf8' }));
`,
);

describe('nxInvocation', () => {
  it.skipIf(process.platform !== 'linux')("finds the Nx command line above a task, through /proc and through ps, and nothing outside Nx", () => {
    const env = { ...process.env, NX_TASK_TARGET_PROJECT: 'train-app', NX_TASK_TARGET_TARGET: 'run' };
    const result = spawnSync(process.execPath, [fakeNx, 'run', 'train-app:run', '--depth=1', '--batch-size=64'], { env, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const expected = { args: ['run', 'train-app:run', '--depth=1', '--batch-size=64'], task: 'train-app:run' };
    expect(JSON.parse(result.stdout)).toEqual([expected, expected, null]);
  });
});
