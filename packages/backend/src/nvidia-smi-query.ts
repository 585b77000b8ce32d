import { execFile } from 'node:child_process';
import * as E from 'fp-ts/Either';

/**
 * Runs nvidia-smi with `args`; Left with the reason when it is absent or fails (no NVIDIA
 * driver is the usual case). Bounded by a timeout: a hung driver must not hang training.
 */
export const queryNvidiaSmi = (args: readonly string[]): Promise<E.Either<string, string>> =>
  new Promise((resolve) => {
    execFile('nvidia-smi', [...args], { timeout: 5000, encoding: 'utf8' }, (error, stdout) => {
      if (error === null) resolve(E.right(stdout));
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') resolve(E.left('nvidia-smi not found'));
      else resolve(E.left(`nvidia-smi failed: ${error.message.split('\n')[0] ?? ''}`));
    });
  });
