import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { afterAll, expect, it } from 'vitest';
import { describeOnWebGpu } from '@resnet-cifar/backend/test-support';
import { decodeJson } from '../../apps/benchmark-app/src/pure/decode-json.ts';
import { BenchmarkReport } from '../../apps/benchmark-app/src/pure/depth-result.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'gpu-kit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sizeOf = (dir: string): number => Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
// Without network where the kernel lets us take it away (root may unshare; elsewhere it just runs).
const offline = spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : [];

describeOnWebGpu('the GPU kit (tools/gpu-kit), built and run from an empty folder on the software adapter', () => {
  it('builds to at most 60 MiB and runs n = 1 for one step with no node_modules and no network', () => {
    // The first build downloads and compresses Node (minutes); later ones reuse .cache/gpu-kit.
    const built = spawnSync(join(root, 'tools/gpu-kit/build.sh'), [join(scratch, 'built')], { encoding: 'utf8', timeout: 600_000 });
    expect(built.status, built.stderr).toBe(0);
    expect(sizeOf(join(scratch, 'built'))).toBeLessThanOrEqual(60 * 2 ** 20);

    // Copied outside the repository: nothing of its node_modules can be found from there.
    const kit = join(scratch, 'elsewhere', 'kit');
    cpSync(join(scratch, 'built'), kit, { recursive: true });
    const out = join(scratch, 'elsewhere', 'out');
    const argv = [...offline, join(kit, 'run.sh'), out, '--depths', '1', '--steps', '1', '--batch-size', '8'];
    const run = spawnSync(argv[0] ?? '', argv.slice(1), { cwd: join(scratch, 'elsewhere'), encoding: 'utf8', timeout: 300_000 });
    const log = readFileSync(join(out, 'run.log'), 'utf8');
    for (const part of ['== kit', '== GPU (nvidia-smi)', '== Vulkan drivers', '== WebGPU adapter', '== PyTorch on CUDA', '== table']) expect(log).toContain(part);
    expect(log).toMatch(/^node v20\.\d+\.\d+ at .*gpu-kit\.\w+\/bin\/node$/m); // the kit's Node, not this machine's

    const report = decodeJson(BenchmarkReport, readFileSync(join(out, 'benchmark.json'), 'utf8'), 'benchmark.json');
    if (E.isLeft(report)) throw new Error(report.left);
    const [depth] = report.right.depths;
    if (depth?.status !== 'measured') throw new Error(`depth 1 was not measured: ${JSON.stringify(depth)}\n${log}`);
    expect(depth).toMatchObject({ depth: 1, backend: 'webgpu', batchSize: 8, device: expect.stringMatching(/^WebGPU adapter /) });
    // At least the model's 75,300 parameters and their velocities live in GPU buffers.
    expect(depth.memory.tfjsGpuBytes).toBeGreaterThan(2 * 4 * 75_300);
    const markdown = readFileSync(join(out, 'benchmark.md'), 'utf8');
    expect(markdown).toMatch(/^\| 1 \| 8 \| /m);
    expect(markdown).toContain('| tfjs GPU buffers |');
    expect(markdown).toContain('Ran on webgpu: WebGPU adapter ');
    // PyTorch on CUDA: its table where this machine has a CUDA GPU, else one line why not, and exit 1.
    const torch = report.right.pytorch?.[0];
    if (torch?.status === 'measured') {
      expect(run.status, log).toBe(0);
      expect(markdown).toContain('| PyTorch on |');
    } else {
      expect(run.status, log).toBe(1);
      expect(markdown).toMatch(/^PyTorch: .+/m);
    }
  }, 900_000);
});
