import { READ_OPERATIONS } from './operations.ts';

/** The list call whose answer gives the calls of each input kind something to read. */
const SUPPLIED_BY = {
  bucket: { service: 's3', operation: 'ListBuckets' },
  trail: { service: 'cloudtrail', operation: 'DescribeTrails' },
  detector: { service: 'guardduty', operation: 'ListDetectors' },
} as const;

interface DeniedCall {
  readonly domain: string;
  readonly operation: string;
  readonly action: string;
  readonly kind: string;
}

/** The actions of the failed calls that a missing permission explains, sorted, once each. */
export function actionsToAdd(failures: readonly DeniedCall[]): string[] {
  return [
    ...new Set(failures.filter((f) => f.kind === 'missing-permission').map((f) => f.action)),
  ].sort();
}

/**
 * Actions the scan never tried because the list they follow was denied (a trail's status
 * needs the trails): without them a user who adds the denied actions finds more missing on the
 * next scan. Test Access tries every action, so it names these from the start.
 */
export function untriedActions(failures: readonly DeniedCall[]): string[] {
  const denied = failures.filter((f) => f.kind === 'missing-permission');
  const named = new Set(denied.map((f) => f.action));
  const untried = new Set<string>();
  for (const operation of READ_OPERATIONS) {
    if (operation.input === 'none') continue;
    const source = SUPPLIED_BY[operation.input];
    const sourceDenied = denied.some(
      (f) => f.domain === operation.domain && f.operation === source.operation,
    );
    if (sourceDenied && source.service === operation.service && !named.has(operation.action)) {
      untried.add(operation.action);
    }
  }
  return [...untried].sort();
}
