import { join, resolve } from 'node:path';

/**
 * Where a run keeps what it writes, all under --output-dir unless --save-path says otherwise. A
 * --save-path that is the output folder itself takes the model's two files beside the logs.
 */
/** The append-only logs, by name in the output folder; a checkpoint records their lengths. */
export const LOG_FILES = ['events.jsonl', 'epochs.csv'] as const;

export const runFiles = (outputDir: string, savePath: string | undefined) => ({
  outputDir,
  events: join(outputDir, LOG_FILES[0]),
  epochs: join(outputDir, LOG_FILES[1]),
  checkpoint: join(outputDir, 'checkpoint.ckpt'),
  model: savePath ?? join(outputDir, 'model'),
  modelBesideLogs: savePath !== undefined && resolve(savePath) === resolve(outputDir),
  plots: outputDir,
});
export type RunFiles = ReturnType<typeof runFiles>;
