/** The pipeline (loader, prefetch, device sums) may cost at most this much over a bare loop. */
export const OVERHEAD_LIMIT = 1.05;

export interface Overhead {
  /** Pipeline median step time over the bare loop's. */
  readonly ratio: number;
  readonly withinLimit: boolean;
}

/** How much slower the real training pipeline steps than a bare loop on a pre-built batch. */
export const overheadOf = (pipelineMedianSeconds: number, bareMedianSeconds: number): Overhead => {
  const ratio = pipelineMedianSeconds / bareMedianSeconds;
  return { ratio, withinLimit: Number.isFinite(ratio) && ratio <= OVERHEAD_LIMIT };
};
