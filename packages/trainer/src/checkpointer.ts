import { checkpointArrays } from './checkpoint-arrays.ts';
import { writeCheckpoint } from './checkpoint.ts';
import type { RunConfig } from './pure/run-config.ts';
import type { Session } from './session.ts';
import type { StartPosition } from './train.ts';

/** The `checkpoint` callback of a run: everything needed to continue exactly, written atomically to `path`. */
export const checkpointer =
  (path: string, session: Session, config: RunConfig) =>
  async (position: StartPosition): Promise<string> => {
    await writeCheckpoint(path, {
      meta: {
        epoch: position.epoch,
        stepInEpoch: position.stepInEpoch,
        seed: config.seed,
        optimizerStep: session.sgd.step,
        config: { ...config },
        history: [...position.history],
      },
      arrays: await checkpointArrays(session.model, session.sgd),
    });
    return path;
  };
