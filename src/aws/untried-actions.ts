import { READ_OPERATIONS } from './operations.ts';

/** The resource type each kind of input is: the list that enumerates it supplies the input. */
const INPUT_TYPE = {
  bucket: 's3:bucket',
  trail: 'cloudtrail:trail',
  detector: 'guardduty:detector',
} as const;

interface DeniedCall {
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
  const denied = new Set(
    failures.filter((f) => f.kind === 'missing-permission').map((f) => f.action),
  );
  const untried = new Set<string>();
  for (const operation of READ_OPERATIONS) {
    if (operation.input === 'none' || denied.has(operation.action)) continue;
    const type = INPUT_TYPE[operation.input];
    const supplierDenied = READ_OPERATIONS.some(
      (supplier) => supplier.lists?.includes(type) === true && denied.has(supplier.action),
    );
    if (supplierDenied) untried.add(operation.action);
  }
  return [...untried].sort();
}
