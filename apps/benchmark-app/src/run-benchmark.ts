import { cpus } from 'node:os';
import { measureArgs } from './measure-options.ts';
import { pytorchThreadsOf, type BenchmarkOptions } from './options.ts';
import type { BenchmarkReport } from './pure/depth-result.ts';
import { runDepths } from './run-depths.ts';
import { runPytorch } from './run-pytorch.ts';

const machine = () => ({ cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU', node: process.version, platform: `${process.platform} ${process.arch}` });

/** Every depth in its own child (unless --pytorch-only), then (optionally) PyTorch; the whole run as the report benchmark.json holds. */
export const runBenchmark = async (o: BenchmarkOptions, log: (line: string) => void): Promise<BenchmarkReport> => {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const argsFor = (depth: number, batchSize: number, wasmThreads: number) => [
    ...measureArgs({ ...o, batchSize, wasmThreads }), ...(depth === o.failDepth ? ['--fail'] : []),
  ];
  const plan = { depths: o.depths, threads: o.wasmThreads, parallel: o.parallel, batchSize: o.batchSize, argsFor };
  const depths = o.pytorchOnly ? [] : await runDepths(plan, log);
  const pytorch = o.pytorch || o.pytorchOnly
    ? await runPytorch({
        python: o.python, depths: o.depths, batchSize: o.batchSize, warmup: Math.max(1, o.warmup), steps: o.steps, threads: pytorchThreadsOf(o), device: o.pytorchDevice,
      })
    : undefined;
  return {
    formatVersion: 1, startedAt, machine: machine(),
    settings: { backend: o.backend, batchSize: o.batchSize, steps: o.steps, warmup: o.warmup, bareSteps: o.bareSteps, forwardSteps: o.forwardSteps, fullEpochs: o.fullEpochs, parallel: o.parallel },
    depths: [...depths],
    wallSeconds: (performance.now() - started) / 1000,
    ...(pytorch ? { pytorch: [...pytorch] } : {}),
  };
};
