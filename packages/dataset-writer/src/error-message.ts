/** The first line of an error, with its errno code when Node gives one (ENOSPC, EACCES, ...). */
export const errorMessage = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const line = error.message.split('\n')[0] ?? '';
  return code !== undefined && !line.includes(code) ? `${code}: ${line}` : line;
};

export const errnoCode = (error: unknown): string | undefined =>
  error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
