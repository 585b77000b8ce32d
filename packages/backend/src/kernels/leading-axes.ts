/** `axes` of a rank-`rank` tensor as distinct non-negative axes, in increasing order. */
export const normalizedAxes = (axes: readonly number[], rank: number): number[] =>
  [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);

/** How many leading axes `axes` reduces, when it is exactly a proper prefix of the dims; else 0. */
export const leadingAxesCount = (axes: readonly number[], rank: number): number => {
  const normalized = normalizedAxes(axes, rank);
  const isPrefix = normalized.every((a, i) => a === i);
  return isPrefix && normalized.length < rank ? normalized.length : 0;
};
