import type { DepthResult } from './pure/depth-result.ts';
import { runChild } from './run-child.ts';

export interface DepthPlan {
  readonly depths: ReadonlyArray<number>;
  readonly parallel: boolean;
  /** Child argv for a depth (the shared measurement options, plus --fail for the depth told to fail). */
  readonly argsFor: (depth: number) => readonly string[];
}

const summary = (r: DepthResult): string =>
  r.status === 'failed'
    ? `n=${r.depth}: FAILED: ${r.message}`
    : `n=${r.depth}: ${r.pipeline.imagesPerSecond.toFixed(1)} images/s, ${r.secondsPerEpoch.toFixed(0)} s per epoch (extrapolated)`;

/** Every depth in a child of its own, one after the other (or all at once with `parallel`); a failure is a result too. */
export const runDepths = async (plan: DepthPlan, log: (line: string) => void): Promise<ReadonlyArray<DepthResult>> => {
  const one = async (depth: number): Promise<DepthResult> => {
    log(`n=${depth}: measuring in a child process`);
    const result = await runChild(depth, plan.argsFor(depth), log);
    log(summary(result));
    return result;
  };
  if (plan.parallel) return Promise.all(plan.depths.map(one));
  const results: DepthResult[] = [];
  for (const depth of plan.depths) results.push(await one(depth));
  return results;
};
