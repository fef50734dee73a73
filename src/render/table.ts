import { oneLine } from './terminal-safe.ts';

/** Columns padded to their widest cell; the last column is never padded. */
export function renderTable(
  headers: readonly string[],
  cellRows: readonly (readonly string[])[],
): string {
  const rows = cellRows.map((row) => row.map(oneLine));
  // A loop, not Math.max(...cells): spreading a column of 100,000 rows overflows the stack.
  const widths = headers.map((header, column) =>
    rows.reduce((widest, row) => Math.max(widest, (row[column] ?? '').length), header.length),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
