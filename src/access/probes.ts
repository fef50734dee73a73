import type { ReadOperation } from '../aws/operations.ts';

/**
 * How Test Access calls each read of the table: the cheapest input (page size 1 where the API
 * allows it), and for calls that need a resource, where to find one.
 */

/** The kinds of resource a read may need, as the table's `input` names them. */
export type ResourceKind = Exclude<ReadOperation['input'], 'none'>;

/** The first resource a list returned: its id and the region it lives in, when known. */
export interface FoundResource {
  readonly id: string;
  readonly region?: string;
}

export interface ProbeScope {
  readonly account: string;
  readonly region: string;
}

const key = (operation: ReadOperation): string => `${operation.service}:${operation.operation}`;

/** Inputs of the calls that need no resource; a call not listed here is sent with `{}`. */
const LIST_INPUTS: Readonly<Record<string, (scope: ProbeScope) => object>> = {
  'ec2:DescribeInstances': () => ({ MaxResults: 5 }),
  's3:ListBuckets': () => ({ MaxBuckets: 1 }),
  's3_control:GetPublicAccessBlock': (scope) => ({ AccountId: scope.account }),
  'iam:ListUsers': () => ({ MaxItems: 1 }),
  'iam:ListRoles': () => ({ MaxItems: 1 }),
  'rds:DescribeDBInstances': () => ({ MaxRecords: 20 }),
  'lambda:ListFunctions': () => ({ MaxItems: 1 }),
  'cost_explorer:GetCostAndUsage': () => lastMonthCost(new Date()),
  'cloudwatch:DescribeAlarms': () => ({ MaxRecords: 1 }),
  'cloudwatch_logs:DescribeLogGroups': () => ({ limit: 1 }),
  'organizations:ListAccounts': () => ({ MaxResults: 1 }),
  'securityhub:GetFindings': () => ({ MaxResults: 1 }),
  'guardduty:ListDetectors': () => ({ MaxResults: 1 }),
};

export function listInput(operation: ReadOperation, scope: ProbeScope): object {
  return LIST_INPUTS[key(operation)]?.(scope) ?? {};
}

function lastMonthCost(now: Date): object {
  const day = (date: Date): string => date.toISOString().slice(0, 10);
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return {
    TimePeriod: { Start: day(lastMonth), End: day(thisMonth) },
    Granularity: 'MONTHLY',
    Metrics: ['UnblendedCost'],
  };
}

/** Which list answer gives the first resource of each kind. */
const YIELDS: Readonly<
  Record<string, { kind: ResourceKind; first: (output: never) => FoundResource | undefined }>
> = {
  's3:ListBuckets': {
    kind: 'bucket',
    first: (output: { Buckets?: { Name?: string; BucketRegion?: string }[] }) =>
      found(output.Buckets?.[0]?.Name, output.Buckets?.[0]?.BucketRegion),
  },
  'cloudtrail:DescribeTrails': {
    kind: 'trail',
    first: (output: { trailList?: { TrailARN?: string; HomeRegion?: string }[] }) =>
      found(output.trailList?.[0]?.TrailARN, output.trailList?.[0]?.HomeRegion),
  },
  'guardduty:ListDetectors': {
    kind: 'detector',
    first: (output: { DetectorIds?: string[] }) => found(output.DetectorIds?.[0]),
  },
};

function found(id: string | undefined, region?: string): FoundResource | undefined {
  if (!id) return undefined;
  return region ? { id, region } : { id };
}

/** The first resource a list call returned, by kind; undefined if the call yields none. */
export function firstResource(
  operation: ReadOperation,
  output: unknown,
): { kind: ResourceKind; resource?: FoundResource } | undefined {
  const yields = YIELDS[key(operation)];
  if (!yields) return undefined;
  const resource = (yields.first as (output: unknown) => FoundResource | undefined)(output);
  return resource ? { kind: yields.kind, resource } : { kind: yields.kind };
}

/**
 * A resource id that exists in no account, for when the list found none or was refused. AWS
 * authorises a call before it looks the resource up, so "not found" still proves the action is
 * allowed. Buckets get none: their names are global, and a made-up name may be someone
 * else's bucket, whose policy would answer for them.
 */
export function placeholder(kind: ResourceKind, scope: ProbeScope): FoundResource | undefined {
  const name = 'escher-access-check';
  switch (kind) {
    case 'trail':
      return { id: `arn:aws:cloudtrail:${scope.region}:${scope.account}:trail/${name}` };
    case 'detector':
      // Detector ids are 32 hex digits; a well-formed one passes validation and reaches
      // authorisation.
      return { id: '0'.repeat(32) };
    case 'bucket':
      return undefined;
  }
}

/** The input of a call that needs a resource. */
export function resourceInput(operation: ReadOperation, resource: FoundResource): object {
  switch (operation.input) {
    case 'bucket':
      return { Bucket: resource.id };
    case 'trail':
      return { Name: resource.id };
    case 'detector':
      return operation.operation === 'GetFindings'
        ? { DetectorId: resource.id, FindingIds: [] }
        : { DetectorId: resource.id };
    case 'none':
      return {};
  }
}
