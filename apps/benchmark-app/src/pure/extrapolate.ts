/** neon's epoch: 50,000 CIFAR-10 training images, the last batch wrapping around (391 steps of 128). */
export const NEON_EPOCH_IMAGES = 50_000;

/** Steps in an epoch of `images` when the last, short batch is filled by wrapping around. */
export const stepsPerEpoch = (images: number, batchSize: number): number => Math.ceil(images / batchSize);

/**
 * Seconds for one epoch of `images` (neon's 50,000 by default, this repository's data has 48,000)
 * from the median seconds of one step: every step of an epoch costs the same, a full batch each.
 */
export const secondsPerEpoch = (medianStepSeconds: number, batchSize: number, images: number = NEON_EPOCH_IMAGES): number =>
  medianStepSeconds * stepsPerEpoch(images, batchSize);

/** Images per second at a step time. */
export const imagesPerSecond = (stepSeconds: number, batchSize: number): number => batchSize / stepSeconds;
