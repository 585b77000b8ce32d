import * as tf from '@tensorflow/tfjs';
import { kernelThreadStats } from './kernels/kernel-threads.ts';

export interface KernelTime {
  /** The kernel's name, prefixed by the composite kernel that called it ('Conv2DBackpropFilter > Conv2D'). */
  readonly kernel: string;
  readonly calls: number;
  /** Time inside the kernel minus time in kernels it called itself (composite kernels). */
  readonly selfMs: number;
  /** The part of selfMs spent in jobs the kernel threads share (kernel-threads.ts); the rest runs on the main thread alone. */
  readonly sharedMs: number;
}

/**
 * Wraps every kernel registered for `backendName` with a timer until `stop()` restores them.
 * Valid for synchronous backends (wasm, cpu), where a kernel's wall time is its cost.
 */
export const profileKernels = (backendName: string): { stop: () => readonly KernelTime[] } => {
  const originals = tf.getKernelsForBackend(backendName);
  const totals = new Map<string, { calls: number; selfMs: number; sharedMs: number }>();
  const childMs: number[] = [];
  const childShared: number[] = [];
  const callers: string[] = [];
  const wrap = (config: tf.KernelConfig): tf.KernelConfig => ({
    ...config,
    kernelFunc: (args) => {
      const key = callers.length === 0 ? config.kernelName : `${callers.at(-1)} > ${config.kernelName}`;
      childMs.push(0);
      childShared.push(0);
      callers.push(config.kernelName);
      const [t0, s0] = [performance.now(), kernelThreadStats().sharedMs];
      const out = config.kernelFunc(args);
      const [elapsed, shared] = [performance.now() - t0, kernelThreadStats().sharedMs - s0];
      callers.pop();
      const [inner, innerShared] = [childMs.pop() ?? 0, childShared.pop() ?? 0];
      if (childMs.length > 0) {
        childMs[childMs.length - 1] = (childMs.at(-1) ?? 0) + elapsed;
        childShared[childShared.length - 1] = (childShared.at(-1) ?? 0) + shared;
      }
      const entry = totals.get(key) ?? { calls: 0, selfMs: 0, sharedMs: 0 };
      totals.set(key, { calls: entry.calls + 1, selfMs: entry.selfMs + elapsed - inner, sharedMs: entry.sharedMs + shared - innerShared });
      return out;
    },
  });
  const swap = (configs: readonly tf.KernelConfig[]): void => {
    for (const c of configs) {
      tf.unregisterKernel(c.kernelName, c.backendName);
      tf.registerKernel(c);
    }
  };
  swap(originals.map(wrap));
  return {
    stop: () => {
      swap(originals);
      return [...totals].map(([kernel, t]) => ({ kernel, ...t })).sort((a, b) => b.selfMs - a.selfMs);
    },
  };
};

/** One line per kernel above 0.5 % of the total: self time, share, calls, and the self time only the main thread works. */
export const formatProfile = (times: readonly KernelTime[], steps: number): string => {
  const total = times.reduce((s, t) => s + t.selfMs, 0);
  const perStep = (ms: number) => (ms / steps).toFixed(1).padStart(8);
  return times
    .filter((t) => t.selfMs / total >= 0.005)
    .map((t) => `${t.kernel.padEnd(44)} ${perStep(t.selfMs)} ms/step ${((100 * t.selfMs) / total).toFixed(1).padStart(5)} %  ${String(t.calls / steps).padStart(5)} calls/step ${perStep(t.selfMs - t.sharedMs)} ms main thread alone`)
    .join('\n');
};
