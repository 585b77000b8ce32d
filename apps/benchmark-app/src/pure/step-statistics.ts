/** The middle of the sorted values (the mean of the two middle ones for an even count); NaN when empty. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Spread as (max - min) / median: how far apart the fastest and slowest step are, relative to the typical one. */
export const relativeSpread = (values: ReadonlyArray<number>): number =>
  values.length === 0 ? Number.NaN : (Math.max(...values) - Math.min(...values)) / median(values);

/** Timestamps (ms) of a window's start and each step's end -> each step's seconds. */
export const stepSecondsOf = (startMs: number, endsMs: ReadonlyArray<number>): ReadonlyArray<number> =>
  endsMs.map((end, i) => (end - (i === 0 ? startMs : (endsMs[i - 1] as number))) / 1000);
