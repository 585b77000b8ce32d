import { join } from 'node:path';

/** Where a run keeps what it writes, all under --output-dir unless --save-path says otherwise. */
export const runFiles = (outputDir: string, savePath: string | undefined) => ({
  outputDir,
  events: join(outputDir, 'events.jsonl'),
  epochs: join(outputDir, 'epochs.csv'),
  checkpoint: join(outputDir, 'checkpoint.ckpt'),
  model: savePath ?? join(outputDir, 'model'),
  plots: outputDir,
});
export type RunFiles = ReturnType<typeof runFiles>;
