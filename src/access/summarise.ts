import { DOMAIN_IDS, domainInfo, type DomainId } from '../core/domains.ts';
import type { AccessStatus } from '../core/status.ts';
import type {
  AccessDomain,
  ActionCheck,
  DeniedAction,
  MissingActions,
  NotEnabledDomain,
  TestAccessReport,
  UnverifiedAction,
} from './types.ts';

const ORDER: readonly AccessDomain[] = ['account', ...DOMAIN_IDS];

export function domainLabel(domain: AccessDomain): string {
  return domain === 'account' ? 'Account' : domainInfo(domain).label;
}

/** The checks, rolled up the way the report and the Step 4 block present them. */
export function summariseChecks(
  checks: readonly ActionCheck[],
): Pick<TestAccessReport, 'missing' | 'denied' | 'notEnabled' | 'unverified' | 'checks'> {
  const missing: MissingActions[] = [];
  for (const domain of ORDER) {
    const actions = unique(
      checks
        .filter((entry) => entry.domain === domain && entry.outcome.kind === 'missing')
        .map((entry) => entry.action),
    );
    if (actions.length > 0) missing.push({ domain, label: domainLabel(domain), actions });
  }

  const denied: DeniedAction[] = [];
  const unverified: UnverifiedAction[] = [];
  const notEnabled = new Map<DomainId, NotEnabledDomain>();
  for (const entry of sortByDomain(checks)) {
    const { outcome } = entry;
    if (outcome.kind === 'denied') {
      denied.push({
        domain: entry.domain,
        action: entry.action,
        ...(outcome.policyType ? { policyType: outcome.policyType } : {}),
      });
    } else if (outcome.kind === 'unverified') {
      unverified.push({ domain: entry.domain, action: entry.action, reason: outcome.reason });
    } else if (outcome.kind === 'not-enabled' && entry.domain !== 'account') {
      const info = domainInfo(entry.domain);
      const where = info.scope === 'regional' ? ` in ${entry.region}` : '';
      if (!notEnabled.has(entry.domain)) {
        notEnabled.set(entry.domain, {
          domain: entry.domain,
          label: info.label,
          reason: `${outcome.reason}${where}`,
        });
      }
    }
  }
  return { missing, denied, notEnabled: [...notEnabled.values()], unverified, checks };
}

/**
 * The access status Escher records for a profile: OK when every read is allowed, PARTIAL when
 * some action is missing, denied or could not be checked.
 */
export function accessStatusOf(report: TestAccessReport): AccessStatus {
  if (report.status === 'ERROR') return 'ERROR';
  if (report.status === 'DISCONNECTED') return 'DISCONNECTED';
  const short =
    report.missing.length > 0 || report.denied.length > 0 || report.unverified.length > 0;
  return short ? 'PARTIAL' : 'OK';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function sortByDomain(checks: readonly ActionCheck[]): ActionCheck[] {
  return [...checks].sort(
    (a, b) => ORDER.indexOf(a.domain) - ORDER.indexOf(b.domain) || a.action.localeCompare(b.action),
  );
}
