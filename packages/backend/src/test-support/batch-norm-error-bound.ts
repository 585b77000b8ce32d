/**
 * How far a float32 batch-norm backward pass may lie from the exact one, per output element,
 * derived from the scale of the terms the wasm kernel computes it from (see wasm-batch-norm.ts):
 *   dbeta = sum dy,  centred = sum dy (x - mean)   (float32 sums over chunks of <= `chunk` pixels)
 *   dx = k dy + pb x + pc,  k = gamma invStd,  pb = -k invStd^2 centred / n,  pc = -k dbeta / n - pb mean
 * With u = 2^-24 (float32's unit roundoff), to first order:
 * - a sum of L float32 terms is off by at most (L - 1) u sum |term|, each rounded term by u |term|;
 * - the affine pass rounds k, pb and pc to float32 and then two products and two sums: under 4 u
 *   times |k dy| + |pb x| + |pc|;
 * - the float32 variance moves invStd by u / 2, so k by u / 2 and pb by 3 u / 2;
 * - the float32 mean moves dx by at most u |mean| (|pb| + |k| invStd^2 |x - mean| sum |dy| / n).
 * The constants below round those up; second-order terms are far below the margin that leaves.
 * A small dx made of large cancelling terms (3 pixels per channel) gets a bound that is small
 * against those terms, not against dx itself.
 */
const u = 2 ** -24;

export interface BatchNormGradInputs {
  readonly dy: ArrayLike<number>;
  readonly x: ArrayLike<number>;
  readonly channels: number;
  readonly gamma: ArrayLike<number>;
  /** The float32 batch statistics the kernel is given. */
  readonly mean: ArrayLike<number>;
  readonly variance: ArrayLike<number>;
  readonly epsilon: number;
  /** Pixels per float32 partial sum (the kernel adds the chunks in float64). */
  readonly chunk: number;
}

const perChannel = (size: number, c: number, term: (i: number, ch: number) => number): Float64Array => {
  const out = new Float64Array(c);
  for (let i = 0; i < size; i++) out[i % c]! += term(i, i % c);
  return out;
};

export const batchNormGradErrorBound = (inputs: BatchNormGradInputs) => {
  const { dy, x, channels: c, gamma, mean, variance, epsilon } = inputs;
  const at = (a: ArrayLike<number>, i: number) => a[i] as number;
  const n = x.length / c;
  const sums = Math.min(n, inputs.chunk) + 1;
  const invStd = Float64Array.from(variance, (v) => 1 / Math.sqrt(v + epsilon));
  const k = Float64Array.from(gamma, (g, ch) => g * at(invStd, ch));
  const dbeta = perChannel(x.length, c, (i) => at(dy, i));
  const centred = perChannel(x.length, c, (i, ch) => at(dy, i) * (at(x, i) - at(mean, ch)));
  const absDy = perChannel(x.length, c, (i) => Math.abs(at(dy, i)));
  const absCentred = perChannel(x.length, c, (i, ch) => Math.abs(at(dy, i) * (at(x, i) - at(mean, ch))));
  // What a float32 centred sum may be off by, the float32 mean's share included.
  const centredError = Float64Array.from(absCentred, (s, ch) => u * (sums * s + Math.abs(at(mean, ch)) * at(absDy, ch)));
  const pb = Float64Array.from(k, (kc, ch) => (-kc * at(invStd, ch) ** 2 * at(centred, ch)) / n);
  const dx = Float64Array.from(x, (xi, i) => {
    const ch = i % c;
    const terms = Math.abs(at(k, ch) * at(dy, i)) + Math.abs(at(pb, ch) * xi) + Math.abs((at(k, ch) * at(dbeta, ch)) / n) + Math.abs(at(pb, ch) * at(mean, ch));
    const fromSums = (Math.abs(at(k, ch)) / n) * (u * sums * at(absDy, ch) + at(invStd, ch) ** 2 * Math.abs(xi - at(mean, ch)) * at(centredError, ch));
    return 6 * u * terms + fromSums;
  });
  return {
    dx,
    dgamma: Float64Array.from(centredError, (e, ch) => at(invStd, ch) * e + 3 * u * Math.abs(at(centred, ch) * at(invStd, ch))),
    dbeta: Float64Array.from(absDy, (s) => u * sums * s),
  };
};

/** The largest |actual - reference| / bound: at most 1 when every element is within its bound. */
export const worstBoundRatio = (actual: ArrayLike<number>, reference: ArrayLike<number>, bound: ArrayLike<number>): number => {
  if (actual.length !== reference.length || actual.length !== bound.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs((actual[i] as number) - (reference[i] as number)) / (bound[i] as number));
  return worst;
};
