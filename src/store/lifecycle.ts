import { profileArgument } from '../core/shell-words.ts';
import type { LifecycleState } from '../core/status.ts';

/** What can happen to a profile (product.md, "Lifecycle state"). */
export type LifecycleEvent =
  'enable' | 'disable' | 'section-gone' | 'section-back' | 'scan-start' | 'scan-end';

/** A transition the lifecycle does not allow, with the reason in the user's words. */
export class LifecycleError extends Error {
  readonly profile: string;
  readonly state: LifecycleState;
  readonly event: LifecycleEvent;
  constructor(profile: string, state: LifecycleState, event: LifecycleEvent, reason: string) {
    super(reason);
    this.name = 'LifecycleError';
    this.profile = profile;
    this.state = state;
    this.event = event;
  }
}

export interface LifecyclePosition {
  readonly state: LifecycleState;
  /** Remembered while Missing, so a returning section gets its old state back. */
  readonly previous?: LifecycleState;
}

/** The next position, or a LifecycleError; never changes anything itself. */
export function nextLifecycle(
  profile: string,
  at: LifecyclePosition,
  event: LifecycleEvent,
): LifecyclePosition {
  const { state } = at;
  const refuse = (reason: string): never => {
    throw new LifecycleError(profile, state, event, reason);
  };
  switch (event) {
    case 'enable':
    case 'disable': {
      // A profile whose section is gone may still be disabled: it returns Disabled, and so
      // is not scanned the moment its section is back.
      if (state === 'Missing' && event === 'disable') return { state, previous: 'Disabled' };
      if (state === 'Missing') {
        return refuse(
          `profile ${profile} is Missing: its section is no longer in the AWS config or ` +
            'credentials files; restore it and run `escher profiles discover`',
        );
      }
      if (state === 'Active') {
        return refuse(`profile ${profile} is being scanned; try again when the scan ends`);
      }
      return { state: event === 'enable' ? 'Enabled' : 'Disabled' };
    }
    case 'section-gone':
      if (state === 'Missing') return at;
      // A profile gone mid-scan returns as Enabled: Active only lasts as long as a scan.
      return { state: 'Missing', previous: state === 'Active' ? 'Enabled' : state };
    case 'section-back':
      if (state !== 'Missing') return at;
      return { state: at.previous ?? 'Discovered' };
    case 'scan-start':
      if (state !== 'Enabled') {
        return refuse(
          `profile ${profile} is ${state}, not Enabled: run \`escher profiles enable ${profileArgument(profile)}\``,
        );
      }
      return { state: 'Active' };
    case 'scan-end':
      return state === 'Active' ? { state: 'Enabled' } : at;
  }
}
