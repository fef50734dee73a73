import { describe, expect, it } from 'vitest';
import type { LifecycleState } from '../../src/core/status.ts';
import type { LifecycleEvent } from '../../src/store/index.ts';
import { LifecycleError, nextLifecycle } from '../../src/store/index.ts';

describe('nextLifecycle', () => {
  const allowed: [LifecycleState, LifecycleEvent, LifecycleState][] = [
    ['Discovered', 'enable', 'Enabled'],
    ['Disabled', 'enable', 'Enabled'],
    ['Enabled', 'enable', 'Enabled'],
    ['Discovered', 'disable', 'Disabled'],
    ['Enabled', 'disable', 'Disabled'],
    ['Enabled', 'scan-start', 'Active'],
    ['Active', 'scan-end', 'Enabled'],
    ['Enabled', 'section-gone', 'Missing'],
    ['Disabled', 'section-gone', 'Missing'],
    ['Discovered', 'section-back', 'Discovered'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextLifecycle('p', { state: from }, event).state).toBe(to);
  });

  const refused: [LifecycleState, LifecycleEvent, string][] = [
    ['Missing', 'enable', 'profile p is Missing'],
    ['Active', 'disable', 'profile p is being scanned'],
    ['Discovered', 'scan-start', 'run `escher profiles enable p`'],
    ['Disabled', 'scan-start', 'profile p is Disabled, not Enabled'],
  ];
  it.each(refused)('refuses %s --%s-->', (from, event, words) => {
    expect(() => nextLifecycle('p', { state: from }, event)).toThrow(LifecycleError);
    expect(() => nextLifecycle('p', { state: from }, event)).toThrow(words);
  });

  it('disables a Missing profile, which then comes back Disabled', () => {
    const gone = nextLifecycle('p', { state: 'Enabled' }, 'section-gone');
    const disabled = nextLifecycle('p', gone, 'disable');
    expect(disabled).toEqual({ state: 'Missing', previous: 'Disabled' });
    expect(nextLifecycle('p', disabled, 'section-back')).toEqual({ state: 'Disabled' });
  });

  it('remembers the state a Missing profile returns to', () => {
    const gone = nextLifecycle('p', { state: 'Disabled' }, 'section-gone');
    expect(gone).toEqual({ state: 'Missing', previous: 'Disabled' });
    expect(nextLifecycle('p', gone, 'section-back')).toEqual({ state: 'Disabled' });
  });

  it('returns a profile that vanished mid-scan as Enabled, not Active', () => {
    const gone = nextLifecycle('p', { state: 'Active' }, 'section-gone');
    expect(nextLifecycle('p', gone, 'section-back').state).toBe('Enabled');
  });
});
