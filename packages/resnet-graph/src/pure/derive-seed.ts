/**
 * A 32-bit seed for one parameter from the model seed and the parameter's name, so that adding a
 * node never changes another node's initial weights. FNV-1a, then murmur3's finaliser to spread
 * nearby inputs; never 0 (tfjs treats seed 0 as "no seed").
 */
export const deriveSeed = (seed: number, name: string): number => {
  const text = `${seed}:${name}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return hash === 0 ? 1 : hash;
};
