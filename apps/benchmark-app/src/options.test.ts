import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '@resnet-cifar/cli-options';
import { benchmarkOptionSpec, conflictingOptions, pytorchThreadsOf } from './options.ts';

const parsed = (argv: readonly string[]) => {
  const result = parseOptions(benchmarkOptionSpec, argv);
  if (E.isLeft(result)) return result.left;
  if (result.right.help) throw new Error('unexpected --help');
  return result.right.options;
};

describe('benchmark-app options', () => {
  it('takes --wasm-threads as a list, each count measured, and times PyTorch at the same counts by default', () => {
    const o = parsed(['--wasm-threads=1,2,4']);
    if (typeof o === 'string') throw new Error(o);
    expect(o.wasmThreads).toEqual([1, 2, 4]);
    expect(pytorchThreadsOf(o)).toEqual([1, 2, 4]);
    const own = parsed(['--wasm-threads=2', '--pytorch-threads=1,2']);
    if (typeof own === 'string') throw new Error(own);
    expect(pytorchThreadsOf(own)).toEqual([1, 2]);
  });

  it('refuses a thread count out of range in one line naming the option', () => {
    expect(parsed(['--wasm-threads=1,0'])).toMatch(/^invalid --wasm-threads '1,0': expected a comma-separated list of integers in 1\.\.\d+$/);
    expect(parsed(['--wasm-threads='])).toMatch(/^invalid --wasm-threads '': /);
  });

  it('refuses several thread counts where they cannot be compared: another backend, or children at the same time', () => {
    expect(conflictingOptions({ wasmThreads: [1, 2], parallel: false }, 'wasm')).toBeUndefined();
    expect(conflictingOptions({ wasmThreads: [2], parallel: true }, 'tensorflow')).toBeUndefined();
    expect(conflictingOptions({ wasmThreads: [1, 2], parallel: false }, 'tensorflow')).toMatch(/^--wasm-threads 1,2: .*wasm only.* tensorflow\): give one count, or --backend=wasm$/);
    expect(conflictingOptions({ wasmThreads: [1, 2], parallel: true }, 'wasm')).toMatch(/^--parallel with --wasm-threads 1,2: .*: drop --parallel$/);
  });
});
