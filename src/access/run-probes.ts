import { errorCodeOf } from '../aws/classify-error.ts';
import { operationsOfDomain, type ReadOperation } from '../aws/operations.ts';
import { DOMAIN_IDS } from '../core/domains.ts';
import { classifyCallError } from './classify-call.ts';
import {
  firstResource,
  listInput,
  placeholder,
  resourceInput,
  type FoundResource,
  type ProbeScope,
  type ResourceKind,
} from './probes.ts';
import { UnknownCommandError, type AccessClients } from './sdk.ts';
import type { AccessDomain, ActionCheck, CheckOutcome } from './types.ts';

/** One call of every read in the table, each domain at once, in the profile's region. */
export async function runProbes(
  clients: AccessClients,
  scope: ProbeScope,
  signal?: AbortSignal,
): Promise<ActionCheck[]> {
  const domains: AccessDomain[] = ['account', ...DOMAIN_IDS];
  const perDomain = await Promise.all(
    domains.map((domain) => probeDomain(clients, domain, scope, signal)),
  );
  return perDomain.flat();
}

async function probeDomain(
  clients: AccessClients,
  domain: AccessDomain,
  scope: ProbeScope,
  signal?: AbortSignal,
): Promise<ActionCheck[]> {
  // GetCallerIdentity has already answered: it is how Test Access knows the account.
  const operations = operationsOfDomain(domain).filter(
    (entry) => !(entry.service === 'sts' && entry.operation === 'GetCallerIdentity'),
  );
  const found = new Map<ResourceKind, FoundResource | undefined>();
  const outputs = new Map<string, unknown>();

  // Lists first: their answers hold the resources the other calls need.
  const lists = await Promise.all(
    operations
      .filter((entry) => entry.input === 'none')
      .map(async (entry) => {
        const { check, output } = await probe(
          clients,
          entry,
          listInput(entry, scope),
          scope.region,
          signal,
        );
        outputs.set(entry.operation, output);
        const yielded = output === undefined ? undefined : firstResource(entry, output);
        if (yielded) found.set(yielded.kind, yielded.resource);
        return check;
      }),
  );

  // Bucket settings must be read in the bucket's region (S3 answers elsewhere with a 301):
  // GetBucketLocation goes first when the list did not say where the bucket is.
  const located = await locateBucket(clients, operations, found.get('bucket'), scope, signal);
  if (located.resource) found.set('bucket', located.resource);

  const dependents = await Promise.all(
    operations
      .filter((entry) => entry.input !== 'none' && entry !== located.entry)
      .map(async (entry) => {
        const kind = entry.input as ResourceKind;
        const resource = found.get(kind) ?? placeholder(kind, scope);
        if (!resource) {
          return check(entry, scope.region, {
            kind: 'not-applicable',
            reason: `no ${kind} to try it on`,
          });
        }
        const region = resource.region ?? scope.region;
        return (await probe(clients, entry, resourceInput(entry, resource), region, signal)).check;
      }),
  );

  const first = located.check ? [located.check] : [];
  return adjustForAccount([...lists, ...first, ...dependents], outputs, scope);
}

async function locateBucket(
  clients: AccessClients,
  operations: readonly ReadOperation[],
  bucket: FoundResource | undefined,
  scope: ProbeScope,
  signal?: AbortSignal,
): Promise<{ entry?: ReadOperation; check?: ActionCheck; resource?: FoundResource }> {
  const entry = operations.find((candidate) => candidate.operation === 'GetBucketLocation');
  if (!entry || !bucket || bucket.region) return {};
  const { check, output } = await probe(
    clients,
    entry,
    { Bucket: bucket.id },
    scope.region,
    signal,
  );
  const constraint = (output as { LocationConstraint?: string } | undefined)?.LocationConstraint;
  const region = output === undefined ? scope.region : bucketRegion(constraint);
  return { entry, check, resource: { id: bucket.id, region } };
}

/** GetBucketLocation says nothing for us-east-1 and `EU` for the oldest Ireland buckets. */
export function bucketRegion(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

async function probe(
  clients: AccessClients,
  entry: ReadOperation,
  input: object,
  region: string,
  signal?: AbortSignal,
): Promise<{ check: ActionCheck; output?: unknown }> {
  try {
    const output = await clients.send(entry.service, entry.operation, input, region, signal);
    return { check: check(entry, region, notEnabledByAnswer(entry, output)), output };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const outcome: CheckOutcome =
      error instanceof UnknownCommandError
        ? { kind: 'unverified', reason: 'Test Access does not know how to call it yet' }
        : classifyCallError(error, entry);
    return { check: check(entry, region, outcome, errorCodeOf(error)) };
  }
}

/** Answers that succeed yet say the service is off: no GuardDuty detector in the region. */
function notEnabledByAnswer(entry: ReadOperation, output: unknown): CheckOutcome {
  if (entry.service === 'guardduty' && entry.operation === 'ListDetectors') {
    const ids = (output as { DetectorIds?: string[] } | undefined)?.DetectorIds ?? [];
    if (ids.length === 0) return { kind: 'not-enabled', reason: 'no GuardDuty detector' };
  }
  return { kind: 'allowed' };
}

/**
 * A member account is refused ListAccounts whatever its policy says: only the management (or a
 * delegated administrator) account may list the organization, so that is no missing action.
 */
function adjustForAccount(
  checks: ActionCheck[],
  outputs: Map<string, unknown>,
  scope: ProbeScope,
): ActionCheck[] {
  const organization = outputs.get('DescribeOrganization') as
    { Organization?: { MasterAccountId?: string; ManagementAccountId?: string } } | undefined;
  const management =
    organization?.Organization?.ManagementAccountId ?? organization?.Organization?.MasterAccountId;
  if (!management || management === scope.account) return checks;
  return checks.map((entry) =>
    entry.service === 'organizations' &&
    entry.operation === 'ListAccounts' &&
    entry.outcome.kind === 'missing'
      ? {
          ...entry,
          outcome: {
            kind: 'not-applicable',
            reason: `member account: only the management account ${management} lists accounts`,
          },
        }
      : entry,
  );
}

function check(
  entry: ReadOperation,
  region: string,
  outcome: CheckOutcome,
  errorCode?: string,
): ActionCheck {
  return {
    service: entry.service,
    operation: entry.operation,
    action: entry.action,
    domain: entry.domain,
    region,
    outcome,
    ...(errorCode ? { errorCode } : {}),
  };
}
