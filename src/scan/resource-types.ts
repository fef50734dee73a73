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
 * Records of an account's settings rather than of a resource it holds: `escher resources
 * --type` lists them, but listings without a type, totals and charts leave them out, so that
 * every count agrees with its overview line.
 */
export const ACCOUNT_SETTING_TYPES: readonly string[] = ['s3:account-public-access-block'];
