import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../../src/render/diagnostics.ts';

const unscanned = (lifecycle: 'Discovered' | 'Enabled' | 'Disabled' | 'Missing') =>
  renderDiagnostics({
    profile: 'team-a',
    lifecycle,
    accessStatus: 'UNTESTED',
    scanned: false,
    carried: false,
    failures: [],
    actionsToAdd: [],
    untriedActions: [],
  }).split('\n')[2];

describe('the line for a profile no EstateView has read', () => {
  it('tells an enabled profile to scan', () => {
    expect(unscanned('Enabled')).toBe('Not scanned yet: run `escher scan team-a`');
  });

  it('tells a Discovered or Disabled profile to enable it first, since a scan would refuse', () => {
    expect(unscanned('Discovered')).toBe(
      'Not scanned yet: it is Discovered; run `escher profiles enable team-a`, ' +
        'then `escher scan team-a`',
    );
    expect(unscanned('Disabled')).toBe(
      'Not scanned yet: it is Disabled; run `escher profiles enable team-a`, ' +
        'then `escher scan team-a`',
    );
  });

  it('tells a Missing profile to bring its section back', () => {
    expect(unscanned('Missing')).toBe(
      'Not scanned yet: its section is gone from the AWS files; put it back, then run ' +
        '`escher profiles discover`',
    );
  });
});
