/**
 * DepthToSpace with cropping, NHWC: dx[n, a*s+ph, b*s+pw, c] = phases[n, a, b, (ph*s+pw)*ci + c],
 * dropping rows and columns past the input. The stock wasm DepthToSpace is a per-element
 * index walk, slower here than the convolution it follows.
 */
export const interleavePhases = (
  phases: ArrayLike<number>,
  [batch, rows, cols]: readonly [number, number, number],
  s: number,
  ci: number,
  dx: Float32Array,
  [height, width]: readonly [number, number],
): void => {
  const phaseChannels = s * s * ci;
  for (let n = 0; n < batch; n++)
    for (let a = 0; a < rows; a++)
      for (let ph = 0; ph < s; ph++) {
        const y = a * s + ph;
        if (y >= height) continue;
        for (let b = 0; b < cols; b++) {
          const from = ((n * rows + a) * cols + b) * phaseChannels + ph * s * ci;
          for (let pw = 0; pw < s; pw++) {
            const x = b * s + pw;
            if (x >= width) continue;
            const to = ((n * height + y) * width + x) * ci;
            const src = from + pw * ci;
            for (let c = 0; c < ci; c++) dx[to + c] = phases[src + c] as number;
          }
        }
      }
};
