/**
 * Optional recycling of batch image buffers. Fresh 1.5 MB Float32Arrays cost page faults and
 * garbage collection on every batch (as much as the augmentation itself on this machine); a
 * consumer that is done with `batch.images` (for example once `toTensors` has been uploaded to a
 * wasm or GPU backend, which copy) may `give` it back, and the loader fills it again.
 * Never give back an array something still reads: the cpu backend keeps the array it was given.
 */
export interface ImagePool {
  /** A buffer of exactly `length` floats: a returned one when there is one, else a new one. */
  readonly take: (length: number) => Float32Array;
  /** Hands a buffer back for reuse; the caller must not touch it afterwards. */
  readonly give: (images: Float32Array) => void;
}

/** Keeps at most `capacity` spare buffers (prefetch + 2 is enough for one consumer). */
export const createImagePool = (capacity = 8): ImagePool => {
  const spare: Float32Array[] = [];
  return {
    take: (length) => {
      const i = spare.findIndex((b) => b.length === length);
      return i < 0 ? new Float32Array(length) : spare.splice(i, 1)[0]!;
    },
    give: (images) => {
      // A whole, undetached buffer only: views into larger buffers cannot be transferred alone.
      const whole = images.byteOffset === 0 && images.byteLength === images.buffer.byteLength;
      if (whole && images.length > 0 && spare.length < capacity) spare.push(images);
    },
  };
};

/** No recycling: every batch gets a new buffer and its receiver owns it outright. */
export const freshImages: ImagePool = { take: (length) => new Float32Array(length), give: () => undefined };
