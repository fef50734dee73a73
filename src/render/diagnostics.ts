import { profileArgument } from '../core/shell-words.ts';
import type { DiagnosticsView } from '../app/views.ts';
import type { FailureKind } from '../core/status.ts';
import { domainInfo } from '../core/domains.ts';
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
    `Access status: ${view.accessStatus}${view.accessDetail ? ` (${view.accessDetail})` : ''}`,
  );
  if (!view.version || !view.scanned) {
    lines.push(`Not scanned yet: run \`escher scan ${profileArgument(view.profile)}\``);
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
  const count = view.failures.length;
  lines.push(`${count} failed ${count === 1 ? 'call' : 'calls'}:`);
  groupRepeats(view.failures).forEach(({ failure, times }, index) => {
    lines.push('', ...failureLines(failure, index + 1, times));
  });
  return lines.join('\n');
}

/**
 * One entry for the same failure repeated (one call per resource in a region, say), so a
 * denied per-resource read does not bury the other entries. JSON keeps every call.
 */
function groupRepeats(
  failures: readonly StoredFailure[],
): { failure: StoredFailure; times: number }[] {
  const groups = new Map<string, { failure: StoredFailure; times: number }>();
  for (const failure of failures) {
    const key = [
      failure.domain,
      failure.region,
      failure.operation,
      failure.errorCode,
      failure.kind,
      failure.fix,
    ].join('\u0000');
    const group = groups.get(key);
    if (group) group.times += 1;
    else groups.set(key, { failure, times: 1 });
  }
  return [...groups.values()];
}

function account(view: DiagnosticsView): { accountId?: string } {
  return view.accountId !== undefined ? { accountId: view.accountId } : {};
}

function failureLines(failure: StoredFailure, number: number, times: number): string[] {
  const status = failure.httpStatus !== undefined ? ` (HTTP ${failure.httpStatus})` : '';
  const repeat = times > 1 ? ` (${times} calls)` : '';
  const where = `${domainInfo(failure.domain).label} · ${failure.region} · ${failure.operation}`;
  return [
    `${number}. ${where}${repeat}`,
    `   IAM action: ${failure.action}`,
    `   Error code: ${failure.errorCode}${status}`,
    `   Kind: ${kindWords(failure)}`,
    `   Fix: ${indent(failure.fix)}`,
    ...(failure.message ? [`   AWS said: ${indent(failure.message)}`] : []),
  ];
}

/** Keeps a multi-line fix or message inside its entry. */
function indent(text: string): string {
  return text.replace(/\n/g, '\n        ');
}
