/**
 * One resource as two profiles of the same account saw it. A profile that could not read a
 * setting records it as null (unknown); that never replaces what another profile did read, so
 * the merged row, and the diff against the next version, do not depend on which profile's scan
 * finished last. Where both read a value, the later observation wins.
 */
export function mergeObservations(
  earlier: Readonly<Record<string, unknown>>,
  later: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const known = merged[key] !== undefined && merged[key] !== null;
    if (value === null && known) continue;
    merged[key] = value;
  }
  return merged;
}
