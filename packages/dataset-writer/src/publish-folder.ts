import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './durable-write.ts';
import type { TargetState } from './target-state.ts';
import { workFolder } from './temp-folder.ts';

/**
 * Moves the complete work folder to `target`. An absent or empty target is replaced by one
 * rename; an old repository is first renamed aside, so at every instant `target` is the old
 * repository, nothing, or the new one, and never a mix.
 */
export const publishFolder = async (work: string, target: string, state: TargetState, onPublished: () => void): Promise<void> => {
  if (state._tag === 'Absent' || state._tag === 'Empty') {
    await rename(work, target);
    onPublished();
  } else {
    const old = workFolder(target, 'old');
    await rename(target, old);
    try {
      await rename(work, target);
    } catch (error) {
      await rename(old, target);
      throw error;
    }
    onPublished();
    await rm(old, { recursive: true, force: true });
  }
  await syncFolder(dirname(target));
};
