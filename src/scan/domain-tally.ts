import type { ErrorClassification } from '../aws/classify-error.ts';
import { domainInfo, type DomainId } from '../core/domains.ts';
import type { DomainCoverage } from './types.ts';

/**
 * Something a domain could not read: the subject (`roles`, `eu-west-1`) and why. An empty
 * `what` means the subject is the whole phrase.
 */
export interface Gap {
  readonly subject: string;
  readonly what: string;
}

/**
 * What one domain of one scan has seen so far: counts, calls that worked, and what it could not
 * read. Coverage is built from it at the end, so no count includes anything that failed.
 */
export class DomainTally {
  readonly domain: DomainId;
  readonly counts: Record<string, number> = {};
  readonly gaps: Gap[] = [];
  /** Regions where the service answered that it is switched off. */
  readonly notEnabledIn: string[] = [];
  /** Extra words for the line, e.g. `suspended in eu-west-1`. */
  readonly notes: string[] = [];
  succeeded = 0;
  /** Set when the whole domain is switched off, e.g. `standalone account`. */
  notEnabled: string | undefined;

  constructor(domain: DomainId) {
    this.domain = domain;
  }

  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  count(key: string): number {
    return this.counts[key] ?? 0;
  }
}

const DENIED_BY_SHORT: Record<string, string> = {
  'service control policy': 'an SCP',
  'resource control policy': 'an RCP',
  'identity-based policy': 'an identity-based policy',
  'resource-based policy': 'a resource-based policy',
  'permissions boundary': 'a permissions boundary',
  'session policy': 'a session policy',
  'VPC endpoint policy': 'a VPC endpoint policy',
};

/** Why a call read nothing, in the few words of an overview line. */
export function gapReason(failure: ErrorClassification, operation: string): string {
  switch (failure.kind) {
    case 'missing-permission':
      return `${failure.action} denied`;
    case 'explicit-deny':
      return `${failure.action} blocked by ${DENIED_BY_SHORT[failure.deniedBy ?? ''] ?? 'a policy'} (explicit deny)`;
    case 'throttled':
      return `${failure.action} throttled after retries`;
    case 'not-implemented':
      return `${operation} not implemented by the endpoint`;
    case 'network':
      return `endpoint unreachable (${failure.errorCode})`;
    case 'auth-failed':
      return `credentials rejected (${failure.errorCode})`;
    case 'region-not-enabled':
      return 'region not enabled';
    case 'service-not-enabled':
      return 'not enabled';
    case 'service-error':
      return `${failure.action} failed (${failure.errorCode})`;
  }
}

/** `a, b, c` or `a, b and 5 more`, sorted so that a line reads the same on every scan. */
export function listSome(items: readonly string[], max = 3): string {
  const sorted = [...items].sort();
  if (sorted.length <= max) return sorted.join(', ');
  return `${sorted.slice(0, max - 1).join(', ')} and ${sorted.length - (max - 1)} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function gapText(gaps: readonly Gap[]): string {
  const byReason = new Map<string, string[]>();
  for (const gap of gaps) {
    const subjects = byReason.get(gap.what) ?? [];
    if (!subjects.includes(gap.subject)) subjects.push(gap.subject);
    byReason.set(gap.what, subjects);
  }
  // Subjects that failed for several reasons say them together, once: `credential report not
  // readable: iam:GenerateCredentialReport denied, iam:GetCredentialReport denied`.
  const bySubjects = new Map<string, string[]>();
  // Sorted: the calls finish in any order, and the same failures must read the same each scan.
  const reasonsInOrder = [...byReason].sort(byKey);
  for (const [what, subjects] of reasonsInOrder) {
    const key = what === '' ? subjects.join('; ') : listSome(subjects);
    const reasons = bySubjects.get(key) ?? [];
    reasons.push(what);
    bySubjects.set(key, reasons);
  }
  // A gap without a reason is a whole phrase already, e.g. `credential report not ready`.
  return [...bySubjects]
    .sort(byKey)
    .map(([subjects, reasons]) => {
      const stated = reasons.filter((what) => what !== '');
      return stated.length === 0 ? subjects : `${subjects} not readable: ${stated.join(', ')}`;
    })
    .join('; ');
}

/**
 * The domain's line: `OK` with its count text; `PARTIAL` (something read, something not) or
 * `ERROR` (nothing read) saying what was not read and why; `NOT ENABLED` with the reason.
 */
export function coverageOf(
  tally: DomainTally,
  okText: string,
  regionsScanned: number,
  counted: readonly string[] = [],
): DomainCoverage {
  const base = { domain: tally.domain, counts: { ...tally.counts } };
  const regional = domainInfo(tally.domain).scope === 'regional';
  const allOff = regional && regionsScanned > 0 && tally.notEnabledIn.length >= regionsScanned;
  const someOff = tally.notEnabledIn.length > 0 && !allOff && tally.notEnabled === undefined;
  const seen = [
    okText,
    ...tally.notes,
    someOff ? `not enabled in ${listSome(tally.notEnabledIn)}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
  if (tally.gaps.length > 0) {
    const missing = gapText(tally.gaps);
    return tally.succeeded > 0
      ? { ...base, status: 'PARTIAL', detail: [seen, missing].filter(Boolean).join('; ') }
      : { ...base, status: 'ERROR', detail: missing };
  }
  if (tally.notEnabled !== undefined) {
    return { ...base, status: 'NOT ENABLED', detail: tally.notEnabled };
  }
  if (allOff) return { ...base, status: 'NOT ENABLED', detail: 'not enabled in any region' };
  // Read in full: a count nothing added to is a real 0, so scripts find every key.
  const zeros = Object.fromEntries(counted.map((key) => [key, 0]));
  return { ...base, counts: { ...zeros, ...base.counts }, status: 'OK', detail: seen };
}
