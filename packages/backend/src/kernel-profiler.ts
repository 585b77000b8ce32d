import * as tf from '@tensorflow/tfjs';

export interface KernelTime {
  /** The kernel's name, prefixed by the composite kernel that called it ('Conv2DBackpropFilter > Conv2D'). */
  readonly kernel: string;
  readonly calls: number;
  /** Time inside the kernel minus time in kernels it called itself (composite kernels). */
  readonly selfMs: number;
}

/**
 * Wraps every kernel registered for `backendName` with a timer until `stop()` restores them.
 * Valid for synchronous backends (wasm, cpu), where a kernel's wall time is its cost.
 */
export const profileKernels = (backendName: string): { stop: () => readonly KernelTime[] } => {
  const originals = tf.getKernelsForBackend(backendName);
  const totals = new Map<string, { calls: number; selfMs: number }>();
  const childMs: number[] = [];
  const callers: string[] = [];
  const wrap = (config: tf.KernelConfig): tf.KernelConfig => ({
    ...config,
    kernelFunc: (args) => {
      const key = callers.length === 0 ? config.kernelName : `${callers.at(-1)} > ${config.kernelName}`;
      childMs.push(0);
      callers.push(config.kernelName);
      const t0 = performance.now();
      const out = config.kernelFunc(args);
      const elapsed = performance.now() - t0;
      callers.pop();
      const inner = childMs.pop() ?? 0;
      if (childMs.length > 0) childMs[childMs.length - 1] = (childMs.at(-1) ?? 0) + elapsed;
      const entry = totals.get(key) ?? { calls: 0, selfMs: 0 };
      totals.set(key, { calls: entry.calls + 1, selfMs: entry.selfMs + elapsed - inner });
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

export const formatProfile = (times: readonly KernelTime[], steps: number): string => {
  const total = times.reduce((s, t) => s + t.selfMs, 0);
  return times
    .filter((t) => t.selfMs / total >= 0.005)
    .map((t) => `${t.kernel.padEnd(44)} ${(t.selfMs / steps).toFixed(1).padStart(8)} ms/step ${((100 * t.selfMs) / total).toFixed(1).padStart(5)} %  ${String(t.calls / steps).padStart(5)} calls/step`)
    .join('\n');
};
