import type { DomainId, Vertical } from '../core/domains.ts';
import type { ServiceId } from '../core/services.ts';

/**
 * The one table of calls Escher may send to read an estate. The scanner, Test Access, the
 * diagnostics and `escher policy` all read it, and a guard on every client refuses any command
 * that is not in it: this table is what "read-only" means in code.
 */
export interface ReadOperation {
  readonly service: ServiceId;
  /** The SDK command name without its `Command` suffix, e.g. `DescribeInstances`. */
  readonly operation: string;
  /** The IAM action AWS authorises the call under; not always the operation's own name. */
  readonly action: string;
  /** `account` for the calls every scan makes before any domain: who am I, which regions. */
  readonly domain: DomainId | 'account';
  readonly verticals: readonly Vertical[];
  /** What the call needs before it can be sent: nothing, or one resource found by a list. */
  readonly input: 'none' | 'bucket' | 'trail' | 'detector';
  /**
   * The resource types its answer enumerates. When the call fails, what it listed before is
   * kept, not reported removed; and the calls whose input it supplies cannot be tried.
   */
  readonly lists?: readonly string[];
  /** Why Escher makes the call, in the words `escher policy --explain` prints. */
  readonly purpose: string;
  /**
   * The member every answer of AWS holds (a list may be empty, never absent). An answer
   * without it did not come from the service: a proxy's or a captive portal's page, an empty
   * body. It fails the call instead of passing for an empty estate.
   */
  readonly answerHolds?: string;
}

const ALL_VERTICALS: readonly Vertical[] = ['inventory', 'finops', 'iam', 'security', 'operations'];

export const READ_OPERATIONS: readonly ReadOperation[] = [
  {
    service: 'sts',
    operation: 'GetCallerIdentity',
    action: 'sts:GetCallerIdentity',
    domain: 'account',
    verticals: ALL_VERTICALS,
    input: 'none',
    purpose: 'learn which account and principal the profile signs in as',
    answerHolds: 'Account',
  },
  {
    service: 'ec2',
    operation: 'DescribeRegions',
    action: 'ec2:DescribeRegions',
    domain: 'account',
    verticals: ALL_VERTICALS,
    input: 'none',
    purpose: 'list the regions the account has enabled, so opt-in regions are skipped',
    answerHolds: 'Regions',
  },
  {
    service: 'ec2',
    operation: 'DescribeInstances',
    action: 'ec2:DescribeInstances',
    domain: 'ec2',
    verticals: ['inventory', 'finops', 'security'],
    input: 'none',
    lists: ['ec2:instance'],
    purpose: 'list instances with their type, state and tags in every enabled region',
    answerHolds: 'Reservations',
  },
  {
    service: 's3',
    operation: 'ListBuckets',
    action: 's3:ListAllMyBuckets',
    domain: 's3',
    verticals: ['inventory', 'finops', 'security'],
    input: 'none',
    lists: ['s3:bucket'],
    purpose: 'list the account’s buckets once',
    answerHolds: 'Buckets',
  },
  {
    service: 's3',
    operation: 'GetBucketLocation',
    action: 's3:GetBucketLocation',
    domain: 's3',
    verticals: ['inventory', 'finops', 'security'],
    input: 'bucket',
    purpose: 'find each bucket’s region, so its settings are read from that region',
  },
  {
    service: 's3',
    operation: 'GetBucketPolicy',
    action: 's3:GetBucketPolicy',
    domain: 's3',
    verticals: ['security'],
    input: 'bucket',
    purpose: 'tell whether a bucket policy makes the bucket public',
  },
  {
    service: 's3',
    operation: 'GetBucketAcl',
    action: 's3:GetBucketAcl',
    domain: 's3',
    verticals: ['security'],
    input: 'bucket',
    purpose: 'tell whether an ACL grants access to everyone',
  },
  {
    service: 's3',
    operation: 'GetPublicAccessBlock',
    action: 's3:GetBucketPublicAccessBlock',
    domain: 's3',
    verticals: ['security'],
    input: 'bucket',
    purpose: 'read each bucket’s Block Public Access settings',
  },
  {
    service: 's3',
    operation: 'GetBucketEncryption',
    action: 's3:GetEncryptionConfiguration',
    domain: 's3',
    verticals: ['security'],
    input: 'bucket',
    purpose: 'read each bucket’s default encryption',
  },
  {
    service: 's3_control',
    operation: 'GetPublicAccessBlock',
    action: 's3:GetAccountPublicAccessBlock',
    domain: 's3',
    verticals: ['security'],
    input: 'none',
    lists: ['s3:account-public-access-block'],
    purpose: 'read the account’s Block Public Access settings, which override each bucket’s',
    answerHolds: 'PublicAccessBlockConfiguration',
  },
  {
    service: 'iam',
    operation: 'ListUsers',
    action: 'iam:ListUsers',
    domain: 'iam',
    verticals: ['inventory', 'iam', 'security'],
    input: 'none',
    lists: ['iam:user'],
    purpose: 'list IAM users',
    answerHolds: 'Users',
  },
  {
    service: 'iam',
    operation: 'ListRoles',
    action: 'iam:ListRoles',
    domain: 'iam',
    verticals: ['inventory', 'iam', 'security'],
    input: 'none',
    lists: ['iam:role'],
    purpose: 'list IAM roles',
    answerHolds: 'Roles',
  },
  {
    service: 'iam',
    operation: 'GenerateCredentialReport',
    action: 'iam:GenerateCredentialReport',
    domain: 'iam',
    verticals: ['iam', 'security'],
    input: 'none',
    lists: ['iam:root'],
    purpose: 'ask AWS to build the credential report (changes no resource)',
  },
  {
    service: 'iam',
    operation: 'GetCredentialReport',
    action: 'iam:GetCredentialReport',
    domain: 'iam',
    verticals: ['iam', 'security'],
    input: 'none',
    lists: ['iam:root'],
    purpose: 'read each user’s MFA, password and access-key ages',
  },
  {
    service: 'rds',
    operation: 'DescribeDBInstances',
    action: 'rds:DescribeDBInstances',
    domain: 'rds',
    verticals: ['inventory', 'finops', 'security'],
    input: 'none',
    lists: ['rds:db-instance'],
    purpose: 'list database instances with their class, engine and tags',
    answerHolds: 'DBInstances',
  },
  {
    service: 'lambda',
    operation: 'ListFunctions',
    action: 'lambda:ListFunctions',
    domain: 'lambda',
    verticals: ['inventory', 'finops', 'operations'],
    input: 'none',
    lists: ['lambda:function'],
    purpose: 'list functions with their runtime and memory',
    answerHolds: 'Functions',
  },
  {
    service: 'cost_explorer',
    operation: 'GetCostAndUsage',
    action: 'ce:GetCostAndUsage',
    domain: 'costexplorer',
    verticals: ['finops'],
    input: 'none',
    purpose: 'tell whether billing data is available, with last month’s cost',
    answerHolds: 'ResultsByTime',
  },
  {
    service: 'cloudtrail',
    operation: 'DescribeTrails',
    action: 'cloudtrail:DescribeTrails',
    domain: 'cloudtrail',
    verticals: ['security', 'operations'],
    input: 'none',
    lists: ['cloudtrail:trail'],
    purpose: 'list trails, counting a multi-region trail once',
    answerHolds: 'trailList',
  },
  {
    service: 'cloudtrail',
    operation: 'GetTrailStatus',
    action: 'cloudtrail:GetTrailStatus',
    domain: 'cloudtrail',
    verticals: ['security', 'operations'],
    input: 'trail',
    purpose: 'tell whether each trail is logging',
  },
  {
    service: 'cloudwatch',
    operation: 'DescribeAlarms',
    action: 'cloudwatch:DescribeAlarms',
    domain: 'cloudwatch',
    verticals: ['operations'],
    input: 'none',
    lists: ['cloudwatch:alarm'],
    purpose: 'list metric and composite alarms',
    answerHolds: 'MetricAlarms',
  },
  {
    service: 'cloudwatch_logs',
    operation: 'DescribeLogGroups',
    action: 'logs:DescribeLogGroups',
    domain: 'logs',
    verticals: ['operations', 'finops'],
    input: 'none',
    lists: ['logs:log-group'],
    purpose: 'list log groups with their retention and stored bytes',
    answerHolds: 'logGroups',
  },
  {
    service: 'organizations',
    operation: 'DescribeOrganization',
    action: 'organizations:DescribeOrganization',
    domain: 'organizations',
    verticals: ['inventory', 'finops', 'security'],
    input: 'none',
    purpose: 'tell a management account from a member or a standalone account',
    answerHolds: 'Organization',
  },
  {
    service: 'organizations',
    operation: 'ListAccounts',
    action: 'organizations:ListAccounts',
    domain: 'organizations',
    verticals: ['inventory', 'finops', 'security'],
    input: 'none',
    lists: ['organizations:account'],
    purpose: 'list the organization’s accounts (management account only)',
    answerHolds: 'Accounts',
  },
  {
    service: 'config_service',
    operation: 'DescribeConfigRules',
    action: 'config:DescribeConfigRules',
    domain: 'config',
    verticals: ['security'],
    input: 'none',
    lists: ['config:rule'],
    purpose: 'list AWS Config rules',
    answerHolds: 'ConfigRules',
  },
  {
    service: 'securityhub',
    operation: 'GetFindings',
    action: 'securityhub:GetFindings',
    domain: 'securityhub',
    verticals: ['security'],
    input: 'none',
    lists: ['securityhub:finding'],
    purpose: 'count Security Hub findings, and learn where it is not enabled',
    answerHolds: 'Findings',
  },
  {
    service: 'guardduty',
    operation: 'ListDetectors',
    action: 'guardduty:ListDetectors',
    domain: 'guardduty',
    verticals: ['security'],
    input: 'none',
    lists: ['guardduty:detector'],
    purpose: 'find the GuardDuty detector of each region',
    answerHolds: 'DetectorIds',
  },
  {
    service: 'guardduty',
    operation: 'GetDetector',
    action: 'guardduty:GetDetector',
    domain: 'guardduty',
    verticals: ['security'],
    input: 'detector',
    purpose: 'tell an enabled detector from a suspended one',
  },
];

export function findOperation(service: ServiceId, operation: string): ReadOperation | undefined {
  return READ_OPERATIONS.find(
    (entry) => entry.service === service && entry.operation === operation,
  );
}

/** For code that is about to send a call: a call outside the table is a bug, never sent. */
export function requireOperation(service: ServiceId, operation: string): ReadOperation {
  const found = findOperation(service, operation);
  if (!found) {
    throw new Error(`${service}:${operation} is not in Escher's table of read operations`);
  }
  return found;
}

export function operationsOfDomain(domain: DomainId | 'account'): readonly ReadOperation[] {
  return READ_OPERATIONS.filter((entry) => entry.domain === domain);
}

/**
 * The calls credential resolution may make before any read: they trade one credential for
 * another and read nothing of the estate. They run on clients of their own, under their own
 * guard, and are not part of Escher's policy (they are granted on the source principal).
 */
export const CREDENTIAL_OPERATIONS = [
  { service: 'sts', operation: 'AssumeRole' },
  { service: 'sts', operation: 'AssumeRoleWithWebIdentity' },
  { service: 'sso', operation: 'GetRoleCredentials' },
  { service: 'sso-oidc', operation: 'CreateToken' },
] as const;

export function isCredentialOperation(service: string, operation: string): boolean {
  return CREDENTIAL_OPERATIONS.some(
    (entry) => entry.service === service && entry.operation === operation,
  );
}
