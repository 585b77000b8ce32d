/**
 * Batch-norm scale and shift, by the graph compiler's naming (`stage1/block0/bn1/gamma`,
 * `.../beta`). Used to exempt them from weight decay when asked; neon decays them too.
 */
export const isBatchNormParam = (name: string): boolean => /(^|\/)(gamma|beta)$/.test(name);
