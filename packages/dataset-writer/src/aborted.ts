/** Thrown at a checkpoint once the caller's AbortSignal fired (Ctrl-C in the CLI). */
export class Aborted extends Error {
  constructor() {
    super('aborted');
  }
}

/** A checkpoint: long work calls this between steps so that an abort stops it promptly. */
export const throwIfAborted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted === true) throw new Aborted();
};
