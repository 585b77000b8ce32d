import { resultLabel, type DepthResult } from './pure/depth-result.ts';
import { smallerBatch } from './pure/wasm-heap.ts';
import { runChild } from './run-child.ts';

export interface DepthPlan {
  readonly depths: ReadonlyArray<number>;
  /** --wasm-threads: each depth is measured once per count. */
  readonly threads: ReadonlyArray<number>;
  readonly parallel: boolean;
  readonly batchSize: number;
  /** Child argv for a depth at a batch size and thread count (the shared measurement options, plus --fail for the depth told to fail). */
  readonly argsFor: (depth: number, batchSize: number, wasmThreads: number) => readonly string[];
}

/** One child's measurement: a depth at a thread count; `labelled` where the run has several counts. */
interface Job {
  readonly depth: number;
  readonly threads: number;
  readonly labelled: boolean;
}

const share = (r: DepthResult): string =>
  r.status === 'measured' && r.oneThreadShare !== undefined ? `, ${(100 * r.oneThreadShare).toFixed(1)} % on the main thread alone` : '';

const summary = (r: DepthResult): string =>
  r.status === 'failed'
    ? `${resultLabel(r)}: FAILED: ${r.message}`
    : `${resultLabel(r)}: ${r.pipeline.imagesPerSecond.toFixed(1)} images/s at batch ${r.batchSize}, ${r.secondsPerEpoch.toFixed(0)} s per epoch (extrapolated)${share(r)}`;

/**
 * One depth in a child; when a step does not fit wasm's 4 GiB heap (ResNet-110 at batch 128 needs
 * about 6 GiB of tensors), again at half the batch, and the row says so.
 */
const measureDepth = async (plan: DepthPlan, job: Job, log: (line: string) => void): Promise<DepthResult> => {
  const { depth } = job;
  const name = resultLabel({ status: 'failed', depth, message: '', ...(job.labelled ? { wasmThreads: job.threads } : {}) });
  let batchSize = plan.batchSize;
  for (;;) {
    log(`${name}: measuring at batch ${batchSize} in a child process`);
    const child = await runChild(depth, plan.argsFor(depth, batchSize, job.threads), log);
    // A failure names its thread count too, where the run compares several.
    const result: DepthResult = child.status === 'failed' && job.labelled ? { ...child, wasmThreads: job.threads } : child;
    const next = result.status === 'failed' ? smallerBatch(result.message, batchSize) : undefined;
    if (next === undefined) {
      const note = `measured at batch ${batchSize}: batch ${plan.batchSize} does not fit the wasm heap (4 GiB)`;
      return result.status === 'measured' && batchSize !== plan.batchSize ? { ...result, note } : result;
    }
    log(`${name}: ${result.status === 'failed' ? result.message : ''}; trying batch ${next}`);
    batchSize = next;
  }
};

/**
 * Every depth at every thread count in a child of its own, one after the other (a depth's thread
 * counts back to back, so that they see the same machine load), or all at once with `parallel`;
 * a failure is a result too.
 */
export const runDepths = async (plan: DepthPlan, log: (line: string) => void): Promise<ReadonlyArray<DepthResult>> => {
  const jobs = plan.depths.flatMap((depth) => plan.threads.map((threads) => ({ depth, threads, labelled: plan.threads.length > 1 })));
  const one = async (job: Job): Promise<DepthResult> => {
    const result = await measureDepth(plan, job, log);
    log(summary(result));
    return result;
  };
  if (plan.parallel) return Promise.all(jobs.map(one));
  const results: DepthResult[] = [];
  for (const job of jobs) results.push(await one(job));
  return results;
};
