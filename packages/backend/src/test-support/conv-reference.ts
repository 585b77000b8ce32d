/**
 * Float64 direct convolution and its two gradients, written from the definitions with
 * TensorFlow's SAME/VALID padding rules and nothing from tfjs, as the tests' independent reference.
 */
export interface ConvCase {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: 'same' | 'valid';
}

/** A ConvCase from its fields in order, so that case tables read as one line per case. */
export const convCase = (
  batch: number, height: number, width: number, inChannels: number, outChannels: number,
  kernel: number, stride: number, padding: 'same' | 'valid',
): ConvCase => ({ batch, height, width, inChannels, outChannels, kernel, stride, padding });

export interface RefGeometry {
  readonly outHeight: number;
  readonly outWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

const along = (size: number, k: number, s: number, padding: 'same' | 'valid'): [number, number] => {
  if (padding === 'valid') return [Math.ceil((size - k + 1) / s), 0];
  const out = Math.ceil(size / s);
  return [out, Math.floor(Math.max((out - 1) * s + k - size, 0) / 2)];
};

export const refGeometry = (c: ConvCase): RefGeometry => {
  const [outHeight, padTop] = along(c.height, c.kernel, c.stride, c.padding);
  const [outWidth, padLeft] = along(c.width, c.kernel, c.stride, c.padding);
  return { outHeight, outWidth, padTop, padLeft };
};

/** Calls `visit(xIndex, wIndex, yIndex)` for every multiply-add of the forward convolution. */
const eachTap = (c: ConvCase, visit: (xi: number, wi: number, yi: number) => void): void => {
  const g = refGeometry(c);
  for (let n = 0; n < c.batch; n++)
    for (let oy = 0; oy < g.outHeight; oy++)
      for (let ox = 0; ox < g.outWidth; ox++)
        for (let fy = 0; fy < c.kernel; fy++)
          for (let fx = 0; fx < c.kernel; fx++) {
            const iy = oy * c.stride + fy - g.padTop;
            const ix = ox * c.stride + fx - g.padLeft;
            if (iy < 0 || iy >= c.height || ix < 0 || ix >= c.width) continue;
            for (let ci = 0; ci < c.inChannels; ci++)
              for (let co = 0; co < c.outChannels; co++)
                visit(
                  ((n * c.height + iy) * c.width + ix) * c.inChannels + ci,
                  ((fy * c.kernel + fx) * c.inChannels + ci) * c.outChannels + co,
                  ((n * g.outHeight + oy) * g.outWidth + ox) * c.outChannels + co,
                );
          }
};

export const refOutSize = (c: ConvCase): number => {
  const g = refGeometry(c);
  return c.batch * g.outHeight * g.outWidth * c.outChannels;
};

export const refConv = (c: ConvCase, x: ArrayLike<number>, w: ArrayLike<number>): Float64Array => {
  const y = new Float64Array(refOutSize(c));
  eachTap(c, (xi, wi, yi) => (y[yi] = (y[yi] as number) + (x[xi] as number) * (w[wi] as number)));
  return y;
};

export const refBackpropFilter = (c: ConvCase, x: ArrayLike<number>, dy: ArrayLike<number>): Float64Array => {
  const dw = new Float64Array(c.kernel * c.kernel * c.inChannels * c.outChannels);
  eachTap(c, (xi, wi, yi) => (dw[wi] = (dw[wi] as number) + (x[xi] as number) * (dy[yi] as number)));
  return dw;
};

export const refBackpropInput = (c: ConvCase, w: ArrayLike<number>, dy: ArrayLike<number>): Float64Array => {
  const dx = new Float64Array(c.batch * c.height * c.width * c.inChannels);
  eachTap(c, (xi, wi, yi) => (dx[xi] = (dx[xi] as number) + (w[wi] as number) * (dy[yi] as number)));
  return dx;
};
