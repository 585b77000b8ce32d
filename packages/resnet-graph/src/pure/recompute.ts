/** What a training step recomputes instead of keeping (see `compile`). */
export const recomputeModes = ['none', 'blocks'] as const;
export type Recompute = (typeof recomputeModes)[number];

/** The --recompute help every app that trains shows: what `blocks` trades. */
export const recomputeOptionHelp =
  "blocks: keep each residual block's input only and recompute the block in the backward pass (gradient checkpointing: " +
  'half the training memory of ResNet-110, a quarter to a third more time per step; the same result bit for bit)';
