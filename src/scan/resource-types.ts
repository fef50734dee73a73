/**
 * Every resource type the collectors emit, in the overview's domain order: what `escher
 * resources --type` accepts. test/cli/estate-views.test.ts checks it against the collectors.
 */
export const RESOURCE_TYPES = [
  'ec2:instance',
  's3:bucket',
  's3:account-public-access-block',
  'iam:user',
  'iam:role',
  'iam:root',
  'rds:db-instance',
  'lambda:function',
  'cloudtrail:trail',
  'cloudwatch:alarm',
  'logs:log-group',
  'organizations:account',
  'config:rule',
  'securityhub:finding',
  'guardduty:detector',
] as const;

/**
 * Records of an account's settings rather than of a resource it holds: `escher resources`
 * lists them, but the estate's totals and charts leave them out, so that a domain's bar counts
 * what its overview line counts.
 */
export const ACCOUNT_SETTING_TYPES: readonly string[] = ['s3:account-public-access-block'];
