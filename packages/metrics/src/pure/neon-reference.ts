/**
 * The numbers this project exists to reproduce: neon's cifar10_msra README (GTX TITAN X,
 * 180 epochs) and He et al. 2015, Table 6, for the same depths. Errors are fractions.
 */
export interface NeonReference {
  readonly depth: number;
  readonly layers: number;
  readonly gpuMiB: number;
  readonly secondsPerEpoch: number;
  readonly valError: number;
  readonly paperValError: number;
}

export const neonReference: ReadonlyArray<NeonReference> = [
  { depth: 3, layers: 20, gpuMiB: 521, secondsPerEpoch: 11, valError: 0.0829, paperValError: 0.0875 },
  { depth: 5, layers: 32, gpuMiB: 636, secondsPerEpoch: 18, valError: 0.0726, paperValError: 0.0751 },
  { depth: 9, layers: 56, gpuMiB: 860, secondsPerEpoch: 30, valError: 0.0631, paperValError: 0.0697 },
  { depth: 18, layers: 110, gpuMiB: 1277, secondsPerEpoch: 60, valError: 0.06, paperValError: 0.0643 },
];

export const neonReferenceFor = (depth: number): NeonReference | undefined =>
  neonReference.find((r) => r.depth === depth);
