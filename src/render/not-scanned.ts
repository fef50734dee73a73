import { profileArgument } from '../core/shell-words.ts';
import type { LifecycleState } from '../core/status.ts';

/**
 * The line for a profile no EstateView has read yet, with the command that will read it: a
 * scan only takes enabled profiles, so one that is not enabled is told to be enabled first.
 */
export function notScannedLine(name: string, lifecycle: LifecycleState): string {
  const argument = profileArgument(name);
  switch (lifecycle) {
    case 'Enabled':
    case 'Active':
      return `Not scanned yet: run \`escher scan ${argument}\``;
    case 'Discovered':
    case 'Disabled':
      return (
        `Not scanned yet: it is ${lifecycle}; run \`escher profiles enable ${argument}\`, ` +
        `then \`escher scan ${argument}\``
      );
    case 'Missing':
      return (
        'Not scanned yet: its section is gone from the AWS files; put it back, then run ' +
        '`escher profiles discover`'
      );
  }
}
