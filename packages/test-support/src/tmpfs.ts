import { spawnSync } from 'node:child_process';

/**
 * Whether this machine lets a test mount a private tmpfs in a user and mount namespace
 * (`unshare -rm`): a real small disk, to fill up, that nobody else sees.
 */
export const canMountTmpfs = (): boolean =>
  spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=1m tmpfs /tmp'], { stdio: 'ignore' }).status === 0;

