import type { StoredResource } from '../store/index.ts';
import { renderTable } from './table.ts';

export function renderResourceTable(items: readonly StoredResource[]): string {
  return renderTable(
    ['TYPE', 'NAME', 'REGION', 'ACCOUNT', 'OBSERVED BY', 'ID'],
    items.map((item) => [
      item.type,
      item.name,
      item.region,
      item.account,
      item.observedBy.join(','),
      item.id,
    ]),
  );
}

export const CSV_HEADER = 'type,domain,id,name,account,region,observed_by,tags,attributes';

export function csvRow(item: StoredResource): string {
  return [
    item.type,
    item.domain,
    item.id,
    item.name,
    item.account,
    item.region,
    item.observedBy.join(' '),
    JSON.stringify(item.tags),
    JSON.stringify(item.attributes),
  ]
    .map(csvCell)
    .join(',');
}

/**
 * Quotes a cell when needed. A cell that a spreadsheet would run as a formula (a tag value
 * starting with `=`) gets a leading apostrophe: names and tags come from the account.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
