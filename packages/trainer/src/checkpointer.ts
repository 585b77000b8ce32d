import { checkpointArrays } from './checkpoint-arrays.ts';
import { writeCheckpoint } from './checkpoint.ts';
import type { RunConfig } from './pure/run-config.ts';
import type { Session } from './session.ts';
import type { StartPosition } from './train.ts';

/**
 * The `checkpoint` callback of a run: everything needed to continue exactly, written atomically to
 * `path`. `app`, asked at each write, is what the app itself needs back on a resume (kept opaque).
 */
export const checkpointer =
  (path: string, session: Session, config: RunConfig, app?: () => Record<string, unknown>) =>
  async (position: StartPosition): Promise<string> => {
    await writeCheckpoint(path, {
      meta: {
        epoch: position.epoch,
        stepInEpoch: position.stepInEpoch,
        seed: config.seed,
        optimizerStep: session.sgd.step,
        config: { ...config },
        history: [...position.history],
        ...(position.epochSoFar ? { epochSoFar: position.epochSoFar } : {}),
        ...(app ? { app: app() } : {}),
      },
      arrays: await checkpointArrays(session.model, session.sgd),
    });
    return path;
  };
