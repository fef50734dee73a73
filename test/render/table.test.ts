import { describe, expect, it } from 'vitest';
import { WIDEST_ALIGNED_CELL, renderTable } from '../../src/render/table.ts';

describe('renderTable', () => {
  it('pads each column to its widest cell', () => {
    const table = renderTable(
      ['NAME', 'STATE'],
      [
        ['prod', 'Enabled'],
        ['audit-team', 'Discovered'],
      ],
    );
    expect(table).toBe('NAME        STATE\nprod        Enabled\naudit-team  Discovered');
  });

  it('prints an absurdly long cell whole without padding the other rows to its width', () => {
    const huge = 'B'.repeat(1_000_000);
    const table = renderTable(
      ['NAME', 'STATE'],
      [
        [huge, 'Discovered'],
        ['p1', 'Enabled'],
      ],
    );
    const lines = table.split('\n');
    expect(lines[0]).toBe('NAME  STATE');
    expect(lines[1]).toBe(`${huge}  Discovered`);
    expect(lines[2]).toBe('p1    Enabled');
  });

  it('still aligns on a name as long as the limit', () => {
    const long = 'n'.repeat(WIDEST_ALIGNED_CELL);
    const table = renderTable(
      ['NAME', 'STATE'],
      [
        [long, 'Enabled'],
        ['p1', 'Missing'],
      ],
    );
    expect(table.split('\n')[2]).toBe(`${'p1'.padEnd(WIDEST_ALIGNED_CELL)}  Missing`);
  });
});
