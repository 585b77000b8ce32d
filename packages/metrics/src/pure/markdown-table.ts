/** One column of a markdown table: a header and how to print a row's cell. */
export interface Column<R> {
  readonly header: string;
  readonly align?: 'left' | 'right' | 'center';
  readonly cell: (row: R) => string;
}

const rule = (align: Column<unknown>['align']): string =>
  align === 'right' ? '---:' : align === 'center' ? ':---:' : '---';

/** A pipe inside a cell would start a new column; newlines would end the row. */
const escape = (text: string): string => text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');

const line = (cells: ReadonlyArray<string>): string => `| ${cells.map(escape).join(' | ')} |`;

/** GitHub-flavoured markdown table, newline-terminated; the same rows give the same text. */
export const renderMarkdownTable = <R>(columns: ReadonlyArray<Column<R>>, rows: ReadonlyArray<R>): string =>
  [
    line(columns.map((c) => c.header)),
    `|${columns.map((c) => rule(c.align)).join('|')}|`,
    ...rows.map((row) => line(columns.map((c) => c.cell(row)))),
  ].join('\n') + '\n';
