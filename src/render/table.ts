import { oneLine } from './terminal-safe.ts';

/**
 * Cells longer than this are printed whole but do not widen their column: one profile name of
 * a million characters must not pad every other row to a million spaces.
 */
export const WIDEST_ALIGNED_CELL = 64;

/** The width to pad a column to: its widest cell, leaving out cells past the limit. */
export function alignedWidth(lengths: Iterable<number>, atLeast = 0): number {
  let widest = atLeast;
  // A loop, not Math.max(...lengths): spreading a column of 100,000 rows overflows the stack.
  for (const length of lengths) {
    if (length <= WIDEST_ALIGNED_CELL && length > widest) widest = length;
  }
  return widest;
}

/** Columns padded to their widest cell (within the limit); the last column is never padded. */
export function renderTable(
  headers: readonly string[],
  cellRows: readonly (readonly string[])[],
): string {
  const rows = cellRows.map((row) => row.map(oneLine));
  const widths = headers.map((header, column) =>
    alignedWidth(
      rows.map((row) => (row[column] ?? '').length),
      header.length,
    ),
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
