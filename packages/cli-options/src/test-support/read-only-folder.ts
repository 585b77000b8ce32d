import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

/**
 * A folder nobody may write in, for tests of "the output location is read-only". Root ignores
 * permission bits, so as root the folder is made immutable (chattr +i, which root cannot write
 * through either); otherwise it is chmod 0555. Throws when the folder stays writable, so a test
 * that needs one cannot pass without it. `release` makes it writable again (call it before removal).
 */
export const readOnlyFolder = (path: string): { readonly release: () => void } => {
  mkdirSync(path, { recursive: true });
  if (isRoot) execFileSync('chattr', ['+i', path]);
  else chmodSync(path, 0o555);
  try {
    writeFileSync(join(path, 'probe'), 'x');
    rmSync(join(path, 'probe'));
    throw new Error(`${path} is still writable: this machine cannot make a read-only folder for the test`);
  } catch (error) {
    if ((error as Error).message.includes('still writable')) throw error;
  }
  return { release: () => (isRoot ? execFileSync('chattr', ['-i', path]) : chmodSync(path, 0o755)) };
};
