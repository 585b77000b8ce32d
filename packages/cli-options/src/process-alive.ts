/**
 * Whether a process with this pid exists (signal 0 only asks). EPERM means it exists but is not
 * ours. Writers name their temporaries by pid, so a later run can tell one that is still being
 * written from one a crash left behind.
 */
export const processIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
