/** RFC 4180 quoting: only cells holding a comma, quote or line break are quoted. */
const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

export const formatCsvLine = (cells: ReadonlyArray<string>): string => cells.map(quote).join(',');

/** Splits one line into cells, undoing `formatCsvLine` (quoted cells may hold commas and quotes). */
export const parseCsvLine = (line: string): ReadonlyArray<string> => {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
};
