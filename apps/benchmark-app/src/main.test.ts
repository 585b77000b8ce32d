import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { readOnlyFolder } from '@resnet-cifar/cli-options/test-support';
import { decodeJson } from './pure/decode-json.ts';
import { BenchmarkReport } from './pure/depth-result.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const CIFAR = resolve(repoRoot, '../shared/data/cifar10');
const work = mkdtempSync(join(tmpdir(), 'benchmark-app-'));
const locked = readOnlyFolder(join(work, 'locked'));
afterAll(() => {
  locked.release();
  rmSync(work, { recursive: true, force: true });
});

const app = (args: readonly string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'main.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 150_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.trim() };
};

describe('nx run benchmark-app (the real program, real data)', () => {
  it('reports the other depths when one child fails, and exits non-zero (and trains real epochs with --full-epochs, recomputing blocks)', () => {
    const out = join(work, 'out');
    const run = app([
      '--depths=1,2', '--fail-depth=1', '--batch-size=8', '--steps=1', '--warmup=0', '--bare-steps=1', '--forward-steps=1', '--recompute=blocks',
      '--full-epochs=1', '--train-records=16', '--val-records=16', '--backend=wasm', '--wasm-threads=2', `--data-dir=${join(work, 'records')}`, `--source=${CIFAR}`, `--out=${out}`,
    ]);
    expect(run.code).toBe(1);
    const [settings, backend] = run.stderr.split('\n');
    expect(settings).toMatch(/^benchmark-app runs with --depths=1,2 --batch-size=8 .* --recompute=blocks --backend=wasm \(wasm\) --wasm-threads=2 /);
    // The children's backend, on the threads they start (this process starts none).
    expect(backend).toMatch(/^backend wasm on CPU, wasm (SIMD|without SIMD), 2 threads /);
    expect(run.stderr.split('\n').at(-1)).toBe(`benchmark-app: depth(s) 1 failed (see above); the others are in ${out}`);
    const report = decodeJson(BenchmarkReport, readFileSync(join(out, 'benchmark.json'), 'utf8'), 'benchmark.json');
    if (E.isLeft(report)) throw new Error(report.left);
    const [first, second] = report.right.depths;
    expect(first).toEqual({ status: 'failed', depth: 1, message: 'child exited with code 1: failing on purpose (--fail-depth)' });
    if (second?.status !== 'measured') throw new Error(`depth 2 was not measured: ${JSON.stringify(second)}`);
    expect(second.pipeline.stepSeconds).toHaveLength(1);
    expect(second.recompute).toBe('blocks'); // the child got the option and its JSON line says so
    expect(second.repositoryEpoch).toMatchObject({ images: 16, steps: 2 });
    expect(second.fullEpochs?.epochs).toBe(1);
    expect(second.fullEpochs?.valError).toBeGreaterThanOrEqual(0);
    expect(second.fullEpochs?.valError).toBeLessThanOrEqual(1);
    // The table is printed last, after everything else the run says.
    expect(run.stdout).toMatch(/\| 2 \| 14 \| \d+ MiB peak RSS \|/);
    expect(run.stdout).toContain('- n=1 failed: child exited with code 1: failing on purpose (--fail-depth)');
    for (const file of ['benchmark.md', 'images_per_second.svg', 'images_per_second.png', 'memory.svg', 'memory.png']) {
      expect(existsSync(join(out, file))).toBe(true);
    }
  });

  it('--wasm-threads 1,2 measures each count in one run: a row each, the one-thread share, the scaling table', () => {
    const out = join(work, 'threads');
    const run = app([
      '--depths=1', '--wasm-threads=1,2', '--batch-size=8', '--steps=1', '--warmup=0', '--bare-steps=1', '--forward-steps=0',
      '--backend=wasm', `--data-dir=${join(work, 'records')}`, `--source=${CIFAR}`, `--out=${out}`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^benchmark-app runs with .* --wasm-threads=1,2 .* --pytorch-threads=the --wasm-threads counts \(1,2\) /);
    expect(run.stderr).toContain('n=1, 2 threads: measuring at batch 8 in a child process');
    const report = decodeJson(BenchmarkReport, readFileSync(join(out, 'benchmark.json'), 'utf8'), 'benchmark.json');
    if (E.isLeft(report)) throw new Error(report.left);
    const measured = report.right.depths.flatMap((d) => (d.status === 'measured' ? [d] : []));
    expect(measured.map((d) => d.wasmThreads)).toEqual([1, 2]);
    for (const d of measured) {
      expect(d.oneThreadShare).toBeGreaterThan(0);
      expect(d.oneThreadShare).toBeLessThan(1);
    }
    expect(run.stdout).toMatch(/\| 1 \| 2 \| [\d.]+ \| [\d.]+× of 1 thread \| [\d.]+ % \| — \| — \| — \|/);
  });

  it('refuses --parallel with several --wasm-threads counts in one line, before measuring', () => {
    const run = app(['--depths=1', '--wasm-threads=1,2', '--parallel', '--backend=wasm', `--out=${join(work, 'never-parallel')}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^benchmark-app: --parallel with --wasm-threads 1,2: .*: drop --parallel$/);
    expect(existsSync(join(work, 'never-parallel'))).toBe(false);
  });

  it('--pytorch-only times PyTorch alone: no backend, no data, a report to combine with --from', () => {
    const out = join(work, 'torch-only');
    const run = app(['--pytorch-only', '--depths=1', '--batch-size=4', '--steps=1', '--pytorch-threads=1', '--backend=tensorflow', `--data-dir=${join(work, 'never-built')}`, `--out=${out}`]);
    const report = decodeJson(BenchmarkReport, readFileSync(join(out, 'benchmark.json'), 'utf8'), 'benchmark.json');
    if (E.isLeft(report)) throw new Error(report.left);
    expect(report.right.depths).toEqual([]);
    const [row] = report.right.pytorch ?? [];
    // Where no Python here imports torch, the one row says so and the exit code is 1.
    expect(run.code).toBe(row?.status === 'measured' ? 0 : 1);
    expect(row).toMatchObject(row?.status === 'measured' ? { depth: 1, device: 'cpu' } : { status: 'unavailable' });
    expect(existsSync(join(work, 'never-built'))).toBe(false);
  });

  it('refuses an --out it cannot write before measuring anything, in one line naming the real cause', () => {
    const run = app(['--depths=1', '--batch-size=8', '--steps=1', '--warmup=0', '--backend=wasm', `--data-dir=${join(work, 'records')}`, `--source=${CIFAR}`, `--out=${join(work, 'locked/report')}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^benchmark-app: --out ${work}/locked/report: cannot write in ${work}/locked: .* \\((EPERM|EACCES)\\): choose another --out$`));
  });

  it.each(['3,0', '201'])('refuses --depths %s in one line with exit 2, before starting anything (a child would refuse it)', (depths) => {
    const run = app([`--depths=${depths}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`benchmark-app: invalid --depths '${depths}': expected a comma-separated list of integers in 1..200`);
  });

  it('fails over from the tensorflow backend with the reason, in one line, where tfjs-node is not installed', () => {
    const run = app(['--backend=tensorflow', `--out=${join(work, 'never')}`]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^benchmark-app: --backend: backend tensorflow unavailable \(.*not installed.*\): install/);
    expect(existsSync(join(work, 'never'))).toBe(false);
  });
});
