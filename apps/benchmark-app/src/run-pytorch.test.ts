import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHON, runPytorch } from './run-pytorch.ts';

const tiny = { depths: [1], batchSize: 4, warmup: 1, steps: 1, threads: [1], device: 'cpu' } as const;
const canImportTorch = (python: string): boolean => spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

describe('runPytorch (the real tools/pytorch_resnet_bench.py)', () => {
  it('with the default Python, measures wherever python3 or Debian\'s /usr/bin/python3 has torch, else says how to install it', async () => {
    const rows = await runPytorch({ python: DEFAULT_PYTHON, ...tiny });
    if (canImportTorch(DEFAULT_PYTHON) || canImportTorch('/usr/bin/python3')) {
      expect(rows).toEqual([expect.objectContaining({ status: 'measured', depth: 1, threads: 1, batchSize: 4, device: 'cpu' })]);
    } else {
      expect(rows).toEqual([{ status: 'unavailable', message: expect.stringContaining('apt-get install python3-torch') }]);
    }
  }, 120_000);

  it('with an explicit Python that does not exist, says so and tries no other', async () => {
    const rows = await runPytorch({ python: '/nonexistent/python3', ...tiny });
    expect(rows).toEqual([{ status: 'unavailable', message: '/nonexistent/python3 not found: PyTorch not installed: apt-get install python3-torch' }]);
  });

  it('on --device cuda without a CUDA GPU (this machine), says so in one row instead of timing the CPU', async () => {
    const rows = await runPytorch({ python: DEFAULT_PYTHON, ...tiny, device: 'cuda' });
    const torch = canImportTorch(DEFAULT_PYTHON) || canImportTorch('/usr/bin/python3');
    const cuda = spawnSync('/usr/bin/python3', ['-c', 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)'], { stdio: 'ignore' }).status === 0;
    if (cuda) return; // a CUDA machine measures instead
    expect(rows).toEqual([{ status: 'unavailable', message: torch ? expect.stringMatching(/^PyTorch .* sees no CUDA GPU/) : expect.stringContaining('apt-get install python3-torch') }]);
  }, 120_000);
});
