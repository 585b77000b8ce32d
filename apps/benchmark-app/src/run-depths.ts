import type { DepthResult } from './pure/depth-result.ts';
import { smallerBatch } from './pure/wasm-heap.ts';
import { runChild } from './run-child.ts';

export interface DepthPlan {
  readonly depths: ReadonlyArray<number>;
  readonly parallel: boolean;
  readonly batchSize: number;
  /** Child argv for a depth at a batch size (the shared measurement options, plus --fail for the depth told to fail). */
  readonly argsFor: (depth: number, batchSize: number) => readonly string[];
}

const summary = (r: DepthResult): string =>
  r.status === 'failed'
    ? `n=${r.depth}: FAILED: ${r.message}`
    : `n=${r.depth}: ${r.pipeline.imagesPerSecond.toFixed(1)} images/s at batch ${r.batchSize}, ${r.secondsPerEpoch.toFixed(0)} s per epoch (extrapolated)`;

/**
 * One depth in a child; when a step does not fit wasm's 4 GiB heap (ResNet-110 at batch 128 needs
 * about 6 GiB of tensors), again at half the batch, and the row says so.
 */
const measureDepth = async (plan: DepthPlan, depth: number, log: (line: string) => void): Promise<DepthResult> => {
  let batchSize = plan.batchSize;
  for (;;) {
    log(`n=${depth}: measuring at batch ${batchSize} in a child process`);
    const result = await runChild(depth, plan.argsFor(depth, batchSize), log);
    const next = result.status === 'failed' ? smallerBatch(result.message, batchSize) : undefined;
    if (next === undefined) {
      const note = `measured at batch ${batchSize}: batch ${plan.batchSize} does not fit the wasm heap (4 GiB)`;
      return result.status === 'measured' && batchSize !== plan.batchSize ? { ...result, note } : result;
    }
    log(`n=${depth}: ${result.status === 'failed' ? result.message : ''}; trying batch ${next}`);
    batchSize = next;
  }
};

/** Every depth in a child of its own, one after the other (or all at once with `parallel`); a failure is a result too. */
export const runDepths = async (plan: DepthPlan, log: (line: string) => void): Promise<ReadonlyArray<DepthResult>> => {
  const one = async (depth: number): Promise<DepthResult> => {
    const result = await measureDepth(plan, depth, log);
    log(summary(result));
    return result;
  };
  if (plan.parallel) return Promise.all(plan.depths.map(one));
  const results: DepthResult[] = [];
  for (const depth of plan.depths) results.push(await one(depth));
  return results;
};
