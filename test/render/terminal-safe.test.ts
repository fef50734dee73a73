import { describe, expect, it } from 'vitest';
import { renderResourceTable } from '../../src/render/resources.ts';
import { terminalSafe } from '../../src/render/terminal-safe.ts';
import { warningLine } from '../../src/render/warning-line.ts';

describe('terminalSafe', () => {
  it('shows escape sequences, BEL and C1 controls as \\xNN, keeping newlines and tabs', () => {
    expect(terminalSafe('a\u001b]0;title\u0007b')).toBe('a\\x1b]0;title\\x07b');
    expect(terminalSafe('line one\nline\ttwo')).toBe('line one\nline\ttwo');
    expect(terminalSafe('cr\rover\u009bC1\u007f')).toBe('cr\\x0dover\\x9bC1\\x7f');
    expect(terminalSafe('ünïcode ✓ 名前')).toBe('ünïcode ✓ 名前');
  });

  it('shows bidirectional overrides and zero-width characters, so one name cannot pass for another', () => {
    expect(terminalSafe('prod\u200b')).toBe('prod\\u{200b}');
    expect(terminalSafe('invoice\u202efdp.exe')).toBe('invoice\\u{202e}fdp.exe');
    expect(terminalSafe('a\u2066b\u2069\ufeff')).toBe('a\\u{2066}b\\u{2069}\\u{feff}');
  });

  it('keeps a tag value with a line break inside its cell, so it draws no row of its own', () => {
    const table = renderResourceTable([
      {
        account: '123456789012',
        type: 'ec2:instance',
        id: 'i-1',
        domain: 'ec2',
        region: 'us-east-1',
        name: 'web-1\nghost-9   ec2:instance  us-east-1',
        tags: {},
        attributes: {},
        observedBy: ['prod'],
      },
    ]);
    expect(table.split('\n')).toHaveLength(2);
    expect(table).toContain('web-1\\nghost-9');
  });

  it('keeps a warning about a file whose path holds a line break on one line', () => {
    const line = warningLine({
      severity: 'error',
      code: 'file-unreadable',
      message: 'cannot be read',
      file: '/tmp/a\nfake: OK/config',
      line: 2,
    });
    expect(line).toBe('/tmp/a\\nfake: OK/config:2: error: cannot be read');
  });

  it('makes a resource table with a hostile name safe to print', () => {
    const table = renderResourceTable([
      {
        account: '123456789012',
        type: 's3:bucket',
        id: 'arn:aws:s3:::logs',
        domain: 'storage',
        region: 'us-east-1',
        name: 'logs\u001b[2J',
        tags: {},
        attributes: {},
        observedBy: ['prod'],
      },
    ]);
    const printed = terminalSafe(table);
    expect(printed).toContain('logs\\x1b[2J');
    expect(printed).not.toContain('\u001b');
  });
});
