import type { AccessDomain, DeniedAction, TestAccessReport } from './types.ts';
import { domainLabel } from './summarise.ts';

/**
 * The seed's Step 4 block. When all is well it is exactly five lines; missing actions follow
 * the `Permissions:` line one per line, ready to paste into the policy. Domains where a
 * service is off are not a permission problem and are left to the overview.
 */
export function renderTestAccess(profileName: string, report: TestAccessReport): string {
  const lines = [
    `Profile: ${profileName}`,
    'Provider: AWS',
    `Account: ${report.account ?? 'unknown'}`,
  ];

  const failure = report.authFailure;
  if (report.status !== 'CONNECTED' || failure) {
    const words = failure?.summary ?? 'Sign-in failed';
    const prefix = report.status === 'DISCONNECTED' ? 'Disconnected: ' : '';
    lines.push(`Status: ✗ ${prefix}${words}`);
    if (failure) lines.push(`Fix: ${failure.fix}`);
    return lines.join('\n');
  }

  lines.push('Status: ✓ Connected');
  const missing = report.missing.flatMap((group) =>
    group.actions.map((action) => ({ domain: group.domain, action })),
  );
  const { denied, unverified } = report;

  if (missing.length > 0) {
    lines.push(`Permissions: Missing ${counted(missing, 'action')}`);
    for (const action of [...missing.map((entry) => entry.action)].sort()) {
      lines.push(`  - ${action}`);
    }
  }
  if (denied.length > 0) {
    const head = `Denied ${counted(denied, 'action')} by an explicit deny`;
    lines.push(missing.length > 0 ? `${head}:` : `Permissions: ${head}`);
    for (const entry of [...denied].sort((a, b) => a.action.localeCompare(b.action))) {
      lines.push(`  - ${entry.action}: ${denyWords(entry)}`);
    }
  }
  if (unverified.length > 0) {
    const head = `Could not verify ${counted(unverified, 'action')}`;
    const first = missing.length === 0 && denied.length === 0;
    lines.push(first ? `Permissions: ${head}` : `${head}:`);
    for (const entry of [...unverified].sort((a, b) => a.action.localeCompare(b.action))) {
      lines.push(`  - ${entry.action}: ${entry.reason}`);
    }
  }
  if (missing.length === 0 && denied.length === 0 && unverified.length === 0) {
    lines.push('Permissions: Sufficient for estate scan');
  }
  return lines.join('\n');
}

function denyWords(entry: DeniedAction): string {
  const where = entry.policyType
    ? `explicit deny in ${article(entry.policyType)} ${entry.policyType}`
    : 'explicit deny (AWS did not say by which policy)';
  return `${where}; adding it to this profile's policy will not help, the deny must be lifted`;
}

/** `5 actions in 2 domains (IAM, Cost Explorer)`, domains in the overview's order. */
function counted(
  entries: readonly { domain: AccessDomain; action: string }[],
  noun: string,
): string {
  const actions = new Set(entries.map((entry) => entry.action)).size;
  const domains = [...new Set(entries.map((entry) => entry.domain))];
  const labels = domains.map(domainLabel);
  return (
    `${actions} ${plural(actions, noun)} in ${domains.length} ` +
    `${plural(domains.length, 'domain')} (${labels.join(', ')})`
  );
}

function article(words: string): string {
  return /^[aeiou]/i.test(words) ? 'an' : 'a';
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
