/**
 * Sums `x` viewed as [outer, inner] over its outer axis: out[i] = sum over o of x[o*inner + i].
 * Float64 accumulators; one pass in memory order, so no transpose is needed.
 */
export const outerSum = (x: ArrayLike<number>, outer: number, inner: number, scale: number, out: Float32Array): void => {
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const row = o * inner;
    for (let i = 0; i < inner; i++) acc[i] = (acc[i] as number) + (x[row + i] as number);
  }
  for (let i = 0; i < inner; i++) out[i] = (acc[i] as number) * scale;
};

/** How many leading axes `axes` reduces, when it is exactly a proper prefix of the dims; else 0. */
export const leadingAxesCount = (axes: readonly number[], rank: number): number => {
  const normalized = [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  const isPrefix = normalized.every((a, i) => a === i);
  return isPrefix && normalized.length < rank ? normalized.length : 0;
};
