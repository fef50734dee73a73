/**
 * The AWS services Escher calls, named by the keys AWS uses for them in a `[services ...]`
 * section of the config file (the SDK's service id, lower-cased, spaces as underscores).
 */
export const SERVICE_IDS = [
  'sts',
  'ec2',
  's3',
  's3_control',
  'iam',
  'rds',
  'lambda',
  'cost_explorer',
  'cloudtrail',
  'cloudwatch',
  'cloudwatch_logs',
  'organizations',
  'config_service',
  'securityhub',
  'guardduty',
] as const;

export type ServiceId = (typeof SERVICE_IDS)[number];
