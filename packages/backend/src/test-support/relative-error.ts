/** Largest |a - b| divided by the largest |b|: the error measure the kernel tests bound. */
export const relativeError = (actual: ArrayLike<number>, reference: ArrayLike<number>): number => {
  if (actual.length !== reference.length) return Infinity;
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < reference.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs((actual[i] as number) - (reference[i] as number)));
    maxRef = Math.max(maxRef, Math.abs(reference[i] as number));
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
};
