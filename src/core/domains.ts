/** The 13 service domains of a scan, in the order the overview prints them. */
export const DOMAIN_IDS = [
  'ec2',
  's3',
  'iam',
  'rds',
  'lambda',
  'costexplorer',
  'cloudtrail',
  'cloudwatch',
  'logs',
  'organizations',
  'config',
  'securityhub',
  'guardduty',
] as const;

export type DomainId = (typeof DOMAIN_IDS)[number];

/** Where a domain is read: in every enabled region, or once per account. */
export type DomainScope = 'regional' | 'global';

export interface DomainInfo {
  readonly id: DomainId;
  /** The label of the overview line, exactly as product.md prints it. */
  readonly label: string;
  readonly scope: DomainScope;
}

export const DOMAINS: readonly DomainInfo[] = [
  { id: 'ec2', label: 'EC2 Instances', scope: 'regional' },
  // One ListBuckets for the account, then each bucket in its own region.
  { id: 's3', label: 'S3 Buckets', scope: 'global' },
  { id: 'iam', label: 'IAM', scope: 'global' },
  { id: 'rds', label: 'RDS', scope: 'regional' },
  { id: 'lambda', label: 'Lambda', scope: 'regional' },
  { id: 'costexplorer', label: 'Cost Explorer', scope: 'global' },
  { id: 'cloudtrail', label: 'CloudTrail', scope: 'regional' },
  { id: 'cloudwatch', label: 'CloudWatch', scope: 'regional' },
  { id: 'logs', label: 'CloudWatch Logs', scope: 'regional' },
  { id: 'organizations', label: 'Organizations', scope: 'global' },
  { id: 'config', label: 'Config', scope: 'regional' },
  { id: 'securityhub', label: 'Security Hub', scope: 'regional' },
  { id: 'guardduty', label: 'GuardDuty', scope: 'regional' },
];

export function domainInfo(id: DomainId): DomainInfo {
  const found = DOMAINS.find((domain) => domain.id === id);
  if (!found) throw new Error(`unknown domain ${id}`);
  return found;
}

/** Groups of analyses built on the estate; the IAM policy can be narrowed to some of them. */
export const VERTICALS = ['inventory', 'finops', 'iam', 'security', 'operations'] as const;
export type Vertical = (typeof VERTICALS)[number];
