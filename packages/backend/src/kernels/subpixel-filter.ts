import type { ConvGeometry } from './conv-geometry.ts';

/**
 * A strided convolution's input gradient as ONE stride-1 convolution producing all stride^2
 * output phases as channels, which DepthToSpace then interleaves ("sub-pixel" convolution).
 * Along one axis, with i = s*a + p: dx[i] = sum over t of dy[a - t] * w[s*t + p + pad], so
 * phase p uses taps u = -t of dy around a. The window spans every phase's taps.
 */
export interface SubpixelAxis {
  readonly uMin: number;
  readonly taps: number;
  /** Output rows per phase, ceil(in / s). */
  readonly phaseRows: number;
  readonly padBefore: number;
  readonly padAfter: number;
}

export const subpixelAxis = (inSize: number, outSize: number, k: number, s: number, pad: number): SubpixelAxis => {
  let uMin = Infinity;
  let uMax = -Infinity;
  for (let p = 0; p < s; p++) {
    const tMin = Math.ceil((-p - pad) / s);
    const tMax = Math.floor((k - 1 - p - pad) / s);
    if (tMin > tMax) continue;
    uMin = Math.min(uMin, -tMax);
    uMax = Math.max(uMax, -tMin);
  }
  const phaseRows = Math.ceil(inSize / s);
  return { uMin, taps: uMax - uMin + 1, phaseRows, padBefore: -uMin, padAfter: phaseRows + uMax - outSize };
};

export const subpixelApplies = (h: SubpixelAxis, w: SubpixelAxis): boolean =>
  [h, w].every((a) => Number.isFinite(a.uMin) && a.padBefore >= 0 && a.padAfter >= 0);

/**
 * The phase filter [tapsH, tapsW, co, s*s*ci] from w [kh, kw, ci, co]; channel (ph*s + pw)*ci + c
 * is phase (ph, pw), matching DepthToSpace's NHWC order. Taps a phase does not use stay zero.
 */
export const subpixelFilter = (w: ArrayLike<number>, g: ConvGeometry, h: SubpixelAxis, x: SubpixelAxis): Float32Array => {
  const s = g.strideHeight;
  const { inChannels: ci, outChannels: co } = g;
  const phases = s * s * ci;
  const out = new Float32Array(h.taps * x.taps * co * phases);
  for (let uy = 0; uy < h.taps; uy++)
    for (let ux = 0; ux < x.taps; ux++)
      for (let ph = 0; ph < s; ph++)
        for (let pw = 0; pw < s; pw++) {
          const ky = -s * (uy + h.uMin) + ph + g.padTop;
          const kx = -s * (ux + x.uMin) + pw + g.padLeft;
          if (ky < 0 || ky >= g.filterHeight || kx < 0 || kx >= g.filterWidth) continue;
          for (let c = 0; c < ci; c++)
            for (let o = 0; o < co; o++) {
              const at = ((uy * x.taps + ux) * co + o) * phases + (ph * s + pw) * ci + c;
              out[at] = w[((ky * g.filterWidth + kx) * ci + c) * co + o] as number;
            }
        }
  return out;
};
