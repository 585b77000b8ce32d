#!/usr/bin/env -S npx tsx
/**
 * For a machine with an NVIDIA GPU, after `npm ci` (and `npm i @tensorflow/tfjs-node-gpu` if the
 * optional install was skipped): checks that tfjs-node-gpu loads and sees the GPU, prints the GPU
 * as nvidia-smi sees it, then runs the benchmark on it. Extra arguments go to the benchmark app.
 *   npx tsx tools/gpu-check.ts [--depths 3,5,9,18 --full-epochs 1 ...]
 * Exit 0 when the benchmark ran on the GPU; otherwise 1 with one line saying why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { formatBackendReport, initBackend } from '@resnet-cifar/backend';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const fail = (message: string): number => {
  console.error(`gpu-check: ${message}`);
  return 1;
};

const nvidiaSmi = (): E.Either<string, string> =>
  E.tryCatch(
    () => execFileSync('nvidia-smi', ['--query-gpu=name,driver_version,memory.total,memory.used', '--format=csv'], { encoding: 'utf8', timeout: 10_000 }),
    (error) => `nvidia-smi failed: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
  );

const main = async (): Promise<number> => {
  const backend = await initBackend(tf, 'tensorflow');
  if (E.isLeft(backend)) return fail(backend.left);
  console.log(`gpu-check: ${formatBackendReport(backend.right)}`);
  if (!backend.right.device.startsWith('GPU')) return fail(`TensorFlow runs, but not on a GPU: ${backend.right.reasons.join('; ')}`);
  const gpus = nvidiaSmi();
  if (E.isLeft(gpus)) return fail(gpus.left);
  console.log(gpus.right.trim());
  // The benchmark runs in a process of its own, so this process's TensorFlow does not hold GPU memory it would count.
  const bench = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'apps/benchmark-app/src/main.ts'), '--backend=tensorflow', ...process.argv.slice(2)], {
    cwd: root, stdio: 'inherit', env: { ...process.env, TF_FORCE_GPU_ALLOW_GROWTH: 'true' },
  });
  return bench.status === 0 ? 0 : fail(`the benchmark on the GPU exited with ${bench.status ?? bench.signal}`);
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(fail(`unexpected error: ${error instanceof Error ? error.message : String(error)}`)),
);
