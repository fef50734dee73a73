/**
 * The action list of the seed's Step 1 policy, as the docs hand it to users. Escher's own
 * policy is generated from the table of read operations; this list is kept so that tests can
 * show, action by action, how the two differ and why.
 */
export const SEED_POLICY_ACTIONS: readonly string[] = [
  'ec2:Describe*',
  'ec2:Get*',
  'ec2:List*',
  's3:ListAllMyBuckets',
  's3:GetBucketLocation',
  's3:GetBucketAcl',
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketPublicAccessBlock',
  's3:GetEncryptionConfiguration',
  'iam:GenerateCredentialReport',
  'iam:Get*',
  'iam:List*',
  'rds:Describe*',
  'rds:ListTagsForResource',
  'lambda:ListFunctions',
  'lambda:GetFunctionConfiguration',
  'lambda:ListTags',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:LookupEvents',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:GetMetricStatistics',
  'logs:DescribeLogGroups',
  'logs:DescribeLogStreams',
  'logs:FilterLogEvents',
  'logs:GetLogEvents',
  'ce:GetCostAndUsage',
  'ce:GetCostForecast',
  'ce:GetDimensionValues',
  'ce:GetReservationUtilization',
  'ce:GetSavingsPlansCoverage',
  'sts:GetCallerIdentity',
  'organizations:ListAccounts',
  'organizations:DescribeOrganization',
  'config:DescribeConfigRules',
  'config:GetComplianceDetailsByConfigRule',
  'securityhub:GetFindings',
  'guardduty:ListDetectors',
  'guardduty:GetFindings',
];

/**
 * Seed actions that no call of the core scan is authorised under, and why Escher leaves them
 * out. A seed wildcard that still covers some of our actions is not listed: it is "covered".
 */
export const SEED_ACTIONS_NOT_NEEDED: Readonly<Record<string, string>> = {
  'ec2:Get*': 'the scan reads instances and regions with Describe calls only',
  'ec2:List*': 'the scan reads instances and regions with Describe calls only',
  's3:GetBucketPolicyStatus':
    'public exposure is derived from the bucket policy, ACL and Block Public Access settings, ' +
    'which the scan reads anyway',
  'rds:ListTagsForResource': 'DescribeDBInstances already returns each instance’s tags',
  'lambda:GetFunctionConfiguration': 'ListFunctions already returns each function’s configuration',
  // Until the Inventory vertical needs them: one extra call per function for its tags, which
  // the overview does not use (and which moto 5 cannot sign-check: it decodes the ARN path).
  'lambda:ListTags': 'function tags cost one call per function and no overview line uses them',
  'cloudtrail:LookupEvents':
    'event history is not part of the estate; the CloudTrail look-up is a command the user runs',
  'cloudwatch:GetMetricStatistics': 'metrics belong to later FinOps and Operations analyses',
  'logs:DescribeLogStreams': 'the scan counts log groups; it does not open them',
  'logs:FilterLogEvents': 'the scan never reads log contents',
  'logs:GetLogEvents': 'the scan never reads log contents',
  'ce:GetCostForecast': 'forecasts belong to the FinOps analyses, not the estate scan',
  'ce:GetDimensionValues': 'the scan asks for one cost total and needs no dimension values',
  'ce:GetReservationUtilization': 'reservation analysis belongs to the FinOps analyses',
  'ce:GetSavingsPlansCoverage': 'Savings Plans analysis belongs to the FinOps analyses',
  'config:GetComplianceDetailsByConfigRule':
    'the scan lists rules; per-rule compliance belongs to the Security analyses',
  'guardduty:GetFindings': 'the scan records detectors; findings come with the Security vertical',
};

/** Actions Escher needs that the seed's list lacks, each with the reason. */
export const ACTIONS_BEYOND_SEED: Readonly<Record<string, string>> = {
  'guardduty:GetDetector':
    'ListDetectors returns a suspended detector too; only GetDetector tells an enabled ' +
    'detector from a suspended one, so without it GuardDuty cannot honestly be OK',
  's3:GetAccountPublicAccessBlock':
    'the account’s Block Public Access settings override every bucket’s; without them a ' +
    'bucket’s own settings cannot say whether it is really public',
};
