import { notScannedLine } from './not-scanned.ts';
import type { DiagnosticsView } from '../app/views.ts';
import type { FailureKind } from '../core/status.ts';
import { domainInfo } from '../core/domains.ts';
import { listSome } from '../scan/domain-tally.ts';
import type { StoredFailure } from '../store/index.ts';
import { profileHeading, versionHeader } from './overview.ts';
import { formatTime } from './time.ts';

/** The kind of a failure in product.md's words. */
export function kindWords(failure: Pick<StoredFailure, 'kind' | 'deniedBy'>): string {
  const words: Record<FailureKind, string> = {
    'missing-permission': 'missing permission',
    'explicit-deny': `explicit deny by ${failure.deniedBy ?? 'a policy'}`,
    'service-not-enabled': 'service not enabled',
    'region-not-enabled': 'region not enabled',
    throttled: 'throttled after retries',
    'service-error': 'service error',
    'not-implemented': 'operation the endpoint does not implement',
    'auth-failed': 'authentication failed',
    network: 'no answer from the endpoint',
  };
  return words[failure.kind];
}

/** Profile Diagnostics: every failed call of the profile's last scan, with its fix. */
export function renderDiagnostics(view: DiagnosticsView): string {
  const lines = [
    `Profile Diagnostics: ${profileHeading({ name: view.profile, ...account(view) })}`,
  ];
  lines.push(
    // A colon, not brackets: the detail often holds brackets of its own.
    `Access status: ${view.accessStatus}${view.accessDetail ? `: ${view.accessDetail}` : ''}`,
  );
  if (!view.version || !view.scanned) {
    lines.push(notScannedLine(view.profile, view.lifecycle));
    return lines.join('\n');
  }
  lines.push(versionHeader(view.version));
  if (view.carried) {
    const when = view.scannedAt === undefined ? '' : ` at ${formatTime(view.scannedAt)}`;
    lines.push(`Not scanned by this version (disabled, or not named); from its last scan${when}:`);
  }
  if (view.error !== undefined) lines.push(`Sign-in failed, nothing was read: ${view.error}`);
  if (view.failures.length === 0) {
    if (view.error === undefined) lines.push('No failed calls: every call of the scan succeeded.');
    return lines.join('\n');
  }
  const toAdd = view.actionsToAdd;
  if (toAdd.length > 0) {
    lines.push(`Actions to add to the profile's IAM policy (${toAdd.length}): ${toAdd.join(', ')}`);
  }
  const untried = view.untriedActions;
  if (untried.length > 0) {
    lines.push(
      `Not tried, since the list they follow was denied; add them too (${untried.length}): ` +
        untried.join(', '),
    );
  }
  const count = view.failures.length;
  lines.push(`${count} failed ${count === 1 ? 'call' : 'calls'}:`);
  groupRepeats(view.failures).forEach((group, index) => {
    lines.push('', ...failureLines(group, index + 1));
  });
  return lines.join('\n');
}

interface FailureGroup {
  failure: StoredFailure;
  /** Where it failed, in the order first seen. */
  readonly regions: string[];
  times: number;
}

/** The fix with its region as a placeholder, for an entry that stands for several regions. */
function regionless(failure: StoredFailure): string {
  if (failure.region === 'global') return failure.fix;
  return failure.fix.split(failure.region).join('<region>');
}

/**
 * One entry for the same failure repeated: once per resource in a region, or once per region
 * (a domain denied everywhere), so that one denied action does not bury the other entries.
 * A fix that names the region names a placeholder instead. JSON keeps every call.
 */
function groupRepeats(failures: readonly StoredFailure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    const key = [
      failure.domain,
      failure.operation,
      failure.errorCode,
      failure.kind,
      failure.action,
      // The look-up in the profile's own region needs no --region: it is the same fix.
      regionless(failure).replace(' --region <region>', ''),
    ].join('\u0000');
    const group = groups.get(key);
    if (!group) groups.set(key, { failure, regions: [failure.region], times: 1 });
    else {
      group.times += 1;
      if (!group.regions.includes(failure.region)) group.regions.push(failure.region);
      // Shown for the whole group: the fix that names a region, so it reads <region>.
      if (!namesItsRegion(group.failure) && namesItsRegion(failure)) group.failure = failure;
    }
  }
  return [...groups.values()];
}

function namesItsRegion(failure: StoredFailure): boolean {
  return failure.region !== 'global' && failure.fix.includes(failure.region);
}

function account(view: DiagnosticsView): { accountId?: string } {
  return view.accountId !== undefined ? { accountId: view.accountId } : {};
}

function failureLines({ failure, regions, times }: FailureGroup, number: number): string[] {
  const status = failure.httpStatus !== undefined ? ` (HTTP ${failure.httpStatus})` : '';
  const repeat = times > 1 ? ` (${times} calls)` : '';
  const several = regions.length > 1;
  const region = several ? `${regions.length} regions (${listSome(regions)})` : failure.region;
  const fix = several ? regionless(failure) : failure.fix;
  const where = `${domainInfo(failure.domain).label} · ${region} · ${failure.operation}`;
  return [
    `${number}. ${where}${repeat}`,
    `   IAM action: ${failure.action}`,
    `   Error code: ${failure.errorCode}${status}`,
    `   Kind: ${kindWords(failure)}`,
    `   Fix: ${indent(fix)}`,
    ...(failure.message ? [`   AWS said: ${indent(failure.message)}`] : []),
  ];
}

/** Keeps a multi-line fix or message inside its entry. */
function indent(text: string): string {
  return text.replace(/\n/g, '\n        ');
}
