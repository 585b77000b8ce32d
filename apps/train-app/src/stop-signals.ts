/** What asked the run to stop (SIGINT, SIGTERM, ...), once something has. */
export type StopReason = () => string | undefined;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The trainer's side of Ctrl-C: any signal, however often it comes, asks for one stop after the
 * current step and a checkpoint. The supervising process has said so already and handles a second
 * Ctrl-C; should it vanish (its IPC channel closes), that is a stop request too, so the trainer never
 * trains on unseen. Output errors (a launcher that closed its pipes first) must not end the process
 * before its checkpoint is written, so they are ignored here. The handlers stay for the process's
 * life: a signal during the final save must not cut it short either.
 */
export const stopRequests = (): StopReason => {
  let reason: string | undefined;
  const ignore = () => undefined;
  for (const signal of SIGNALS) process.on(signal, (s: NodeJS.Signals) => (reason ??= s));
  process.on('disconnect', () => (reason ??= 'the supervising process ended'));
  process.channel?.unref(); // the channel alone must not keep the process alive
  process.stdout.on('error', ignore);
  process.stderr.on('error', ignore);
  return () => reason;
};
