/** Float64 training batch norm over all axes but the last, and its gradient, from the definitions. */
export interface BatchNormReference {
  readonly y: Float64Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
}

const perChannel = (values: ArrayLike<number>, c: number, f: (v: number, i: number, ch: number) => number): Float64Array => {
  const out = new Float64Array(c);
  for (let i = 0; i < values.length; i++) out[i % c]! += f(values[i] as number, i, i % c);
  return out;
};

export const refBatchNorm = (x: ArrayLike<number>, c: number, gamma: ArrayLike<number>, beta: ArrayLike<number>, eps: number): BatchNormReference => {
  const n = x.length / c;
  const mean = perChannel(x, c, (v) => v).map((s) => s / n);
  const variance = perChannel(x, c, (v, _, ch) => (v - (mean[ch] as number)) ** 2).map((s) => s / n);
  const y = Float64Array.from(x, (v, i) => {
    const ch = i % c;
    return ((gamma[ch] as number) * (v - (mean[ch] as number))) / Math.sqrt((variance[ch] as number) + eps) + (beta[ch] as number);
  });
  return { y, mean, variance };
};

/** dx, dgamma, dbeta of y = gamma * xhat + beta with batch statistics (the textbook backward pass). */
export const refBatchNormGrad = (dy: ArrayLike<number>, x: ArrayLike<number>, c: number, gamma: ArrayLike<number>, eps: number) => {
  const n = x.length / c;
  const { mean, variance } = refBatchNorm(x, c, gamma, new Float64Array(c), eps);
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const xhat = Float64Array.from(x, (v, i) => (v - (mean[i % c] as number)) * (invStd[i % c] as number));
  const dbeta = perChannel(dy, c, (v) => v);
  const dgamma = perChannel(dy, c, (v, i) => v * (xhat[i] as number));
  const dx = Float64Array.from(dy, (v, i) => {
    const ch = i % c;
    return (((gamma[ch] as number) * (invStd[ch] as number)) / n) * (n * v - (dbeta[ch] as number) - (xhat[i] as number) * (dgamma[ch] as number));
  });
  return { dx, dgamma, dbeta };
};
