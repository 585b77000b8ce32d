/**
 * SIGINT/SIGTERM ask the run to stop after the current step and checkpoint; a second signal
 * quits at once (the last complete checkpoint is still there: checkpoints are atomic).
 */
export const stopOnSignals = (log: (line: string) => void): { readonly requested: () => boolean; readonly dispose: () => void } => {
  let requested = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested) process.exit(130);
    requested = true;
    log(`${signal}: stopping after the current step and writing a checkpoint (send it again to quit now)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    requested: () => requested,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
};
