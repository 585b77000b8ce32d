import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { formatBackendReport, initBackend, type BackendRequest } from '../src/index.ts';

/** Sets the backend (benchmarks are apps) and prints the machine the figures belong to. */
export const benchSetup = async (request: BackendRequest): Promise<void> => {
  const report = await initBackend(tf, request);
  if (E.isLeft(report)) throw new Error(report.left);
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'} x${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, tfjs ${tf.version.tfjs}`);
  console.log(formatBackendReport(report.right));
  // Figures from a busy machine are not figures: print the load they were taken under.
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus.length} cores`);
};

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Median wall time in ms of `run` after `warmup` unmeasured calls; `run` must finish its work. */
export const timeMs = (run: () => void, warmup: number, runs: number): number => {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
};

export const argValue = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
