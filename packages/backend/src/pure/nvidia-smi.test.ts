import * as O from 'fp-ts/Option';
import { describe, expect, it } from 'vitest';
import { gpuBytesInProcessTable, gpuBytesOfPid, parseComputeApps, parseGpuNames } from './nvidia-smi.ts';

// As printed by `nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits`
// on a two-GPU machine: this pid on both GPUs, another process, one driver that cannot measure.
const sample = '4242, 1277\n9001, 300\n4242, 512\r\n77, [N/A]\n\n';

describe('nvidia-smi parsing', () => {
  it('reads every well-formed row and skips [N/A] and blank lines', () => {
    expect(parseComputeApps(sample)).toEqual([
      { pid: 4242, usedMiB: 1277 },
      { pid: 9001, usedMiB: 300 },
      { pid: 4242, usedMiB: 512 },
    ]);
  });

  it('sums a process over GPUs, in bytes', () => {
    expect(gpuBytesOfPid(sample, 4242)).toEqual(O.some((1277 + 512) * 1024 * 1024));
  });

  it('reports nothing (not zero) for a pid nvidia-smi does not list or cannot measure', () => {
    expect(gpuBytesOfPid(sample, 1)).toEqual(O.none);
    expect(gpuBytesOfPid(sample, 77)).toEqual(O.none);
    expect(gpuBytesOfPid('', 4242)).toEqual(O.none);
  });

  it('reads GPU names and treats "No devices were found" as none', () => {
    expect(parseGpuNames('NVIDIA GeForce GTX TITAN X\nTesla T4\n')).toEqual(['NVIDIA GeForce GTX TITAN X', 'Tesla T4']);
    expect(parseGpuNames('No devices were found\n')).toEqual([]);
  });

  it('reads a process of plain nvidia-smi\'s table, graphics-type ones included, summed over GPUs', () => {
    // The layout of driver 535-580 tables; pid 4242 on two GPUs as C+G and G, another process as C.
    const table = [
      '| Processes:                                                                              |',
      '|  GPU   GI   CI              PID   Type   Process name                        GPU Memory |',
      '|        ID   ID                                                               Usage      |',
      '|=========================================================================================|',
      '|    0   N/A  N/A            4242    C+G   node                                    636MiB |',
      '|    0   N/A  N/A            9001      C   python3                                 300MiB |',
      '|    1   N/A  N/A            4242      G   node                                     12MiB |',
      '+-----------------------------------------------------------------------------------------+',
    ].join('\n');
    expect(gpuBytesInProcessTable(table, 4242)).toEqual(O.some((636 + 12) * 2 ** 20));
    expect(gpuBytesInProcessTable(table, 9001)).toEqual(O.some(300 * 2 ** 20));
    expect(gpuBytesInProcessTable(table, 1)).toEqual(O.none);
    expect(gpuBytesInProcessTable('|  No running processes found                                                             |', 4242)).toEqual(O.none);
  });
});
