import type { ConvGeometry } from './conv-geometry.ts';

/**
 * dW = sum over (n, oh, ow, kh, kw) of the outer product x[n,ih,iw,:] (x) dy[n,oh,ow,:], in
 * [kh,kw,ci,co] order so the innermost loop runs over contiguous co in both dy and dW.
 * Accumulates in float64: sums run over n*oh*ow terms. Pure JS, for the cpu backend.
 */
export const backpropFilterDirect = (x: ArrayLike<number>, dy: ArrayLike<number>, g: ConvGeometry): Float32Array => {
  const { inHeight: h, inWidth: w, inChannels: ci, outChannels: co, filterHeight: kh, filterWidth: kw } = g;
  const acc = new Float64Array(kh * kw * ci * co);
  for (let n = 0; n < g.batch; n++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        const dyAt = ((n * g.outHeight + oy) * g.outWidth + ox) * co;
        for (let fy = 0; fy < kh; fy++) {
          const iy = oy * g.strideHeight + fy - g.padTop;
          if (iy < 0 || iy >= h) continue;
          for (let fx = 0; fx < kw; fx++) {
            const ix = ox * g.strideWidth + fx - g.padLeft;
            if (ix < 0 || ix >= w) continue;
            accumulateOuter(acc, (fy * kw + fx) * ci * co, x, ((n * h + iy) * w + ix) * ci, ci, dy, dyAt, co);
          }
        }
      }
    }
  }
  return Float32Array.from(acc);
};

const accumulateOuter = (
  acc: Float64Array,
  accAt: number,
  x: ArrayLike<number>,
  xAt: number,
  ci: number,
  dy: ArrayLike<number>,
  dyAt: number,
  co: number,
): void => {
  for (let c = 0; c < ci; c++) {
    const xv = x[xAt + c] as number;
    if (xv === 0) continue; // post-ReLU activations are half zeros
    const row = accAt + c * co;
    for (let o = 0; o < co; o++) acc[row + o]! += xv * (dy[dyAt + o] as number);
  }
};
