/**
 * Splits a log into its newline-terminated lines and the unterminated rest. A writer that
 * appends whole lines leaves a partial last line only when it was cut off mid-write.
 */
export interface CompleteLines {
  readonly lines: ReadonlyArray<string>;
  /** Text after the last newline; '' when the log ends cleanly. */
  readonly tail: string;
}

export const completeLines = (text: string): CompleteLines => {
  const end = text.lastIndexOf('\n');
  const body = end < 0 ? '' : text.slice(0, end);
  const lines = end < 0 ? [] : body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  return { lines, tail: text.slice(end + 1) };
};
