import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import {
  BatchImportFindingsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { pad, spread, type EstateSpec } from '../estate-spec.ts';
import { mapLimit } from '../limit.ts';
import type { ClientPool } from '../sdk.ts';
import { range } from './identity.ts';

const ACCOUNT = '123456789012';
const METRICS = [
  { namespace: 'AWS/EC2', metric: 'CPUUtilization', threshold: 80 },
  { namespace: 'AWS/RDS', metric: 'FreeStorageSpace', threshold: 2_000_000_000 },
  { namespace: 'AWS/Lambda', metric: 'Errors', threshold: 5 },
];
const MANAGED_RULES = [
  'S3_BUCKET_VERSIONING_ENABLED',
  'ENCRYPTED_VOLUMES',
  'IAM_USER_MFA_ENABLED',
  'CLOUD_TRAIL_ENABLED',
  'RDS_STORAGE_ENCRYPTED',
];

/** Jobs spread over the spec's regions: `{ region, index }` with index counting per region. */
function regionalJobs(spec: EstateSpec, total: number): { region: string; index: number }[] {
  const perRegion = spread(total, spec.regions.length);
  return spec.regions.flatMap((region, r) =>
    range(perRegion[r] ?? 0).map((index) => ({ region, index })),
  );
}

export async function buildAlarms(pool: ClientPool, spec: EstateSpec): Promise<void> {
  await mapLimit(regionalJobs(spec, spec.counts.alarms), 8, async ({ region, index }) => {
    const metric = METRICS[index % METRICS.length]!;
    await pool.get(CloudWatchClient, region).send(
      new PutMetricAlarmCommand({
        AlarmName: `${metric.metric}-${region}-${pad(index + 1, 3)}`,
        Namespace: metric.namespace,
        MetricName: metric.metric,
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 2,
        Threshold: metric.threshold,
        ComparisonOperator:
          metric.metric === 'FreeStorageSpace' ? 'LessThanThreshold' : 'GreaterThanThreshold',
      }),
    );
  });
}

export async function buildLogGroups(pool: ClientPool, spec: EstateSpec): Promise<void> {
  await mapLimit(regionalJobs(spec, spec.counts.logGroups), 8, async ({ region, index }) => {
    const logs = pool.get(CloudWatchLogsClient, region);
    const name = `/aws/lambda/sample-fn-${region}-${pad(index + 1, 3)}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    // Half keep logs forever, which a later Operations analysis will point out.
    if (index % 2 === 0) {
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 30 }));
    }
  });
}

export async function buildConfigRules(pool: ClientPool, spec: EstateSpec): Promise<void> {
  await mapLimit(regionalJobs(spec, spec.counts.configRules), 4, async ({ region, index }) => {
    const identifier = MANAGED_RULES[index % MANAGED_RULES.length]!;
    await pool.get(ConfigServiceClient, region).send(
      new PutConfigRuleCommand({
        ConfigRule: {
          ConfigRuleName: `${identifier.toLowerCase().replaceAll('_', '-')}-${pad(index + 1, 3)}`,
          Source: { Owner: 'AWS', SourceIdentifier: identifier },
        },
      }),
    );
  });
}

/** One GuardDuty detector in the home region. */
export async function buildDetectors(pool: ClientPool, spec: EstateSpec): Promise<void> {
  for (const region of spec.regions.slice(0, spec.counts.guardDutyDetectors)) {
    await pool.get(GuardDutyClient, region).send(new CreateDetectorCommand({ Enable: true }));
  }
}

/** Security Hub on in the home region, holding findings imported in ASFF. */
export async function buildSecurityHub(pool: ClientPool, spec: EstateSpec): Promise<void> {
  const region = spec.regions[0]!;
  const hub = pool.get(SecurityHubClient, region);
  await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  const findings = range(spec.counts.securityHubFindings).map((index) => finding(region, index));
  // BatchImportFindings takes at most 100 findings per call.
  for (let start = 0; start < findings.length; start += 100) {
    await hub.send(
      new BatchImportFindingsCommand({ Findings: findings.slice(start, start + 100) }),
    );
  }
}

const FINDING_KINDS = [
  { title: 'S3 bucket allows public read', severity: 'HIGH', type: 'AwsS3Bucket' },
  { title: 'IAM user has no MFA', severity: 'MEDIUM', type: 'AwsIamUser' },
  {
    title: 'Security group open to 0.0.0.0/0 on port 22',
    severity: 'HIGH',
    type: 'AwsEc2SecurityGroup',
  },
  { title: 'RDS instance not encrypted', severity: 'MEDIUM', type: 'AwsRdsDbInstance' },
  { title: 'CloudTrail log file validation disabled', severity: 'LOW', type: 'AwsCloudTrailTrail' },
] as const;

function finding(region: string, index: number): AwsSecurityFinding {
  const kind = FINDING_KINDS[index % FINDING_KINDS.length]!;
  // A fixed instant keeps the estate the same from run to run.
  const at = '2026-01-15T09:00:00.000Z';
  return {
    SchemaVersion: '2018-10-08',
    Id: `escher-sample-finding-${pad(index + 1, 4)}`,
    ProductArn: `arn:aws:securityhub:${region}:${ACCOUNT}:product/${ACCOUNT}/default`,
    GeneratorId: `escher-sample-${kind.type}`,
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: at,
    UpdatedAt: at,
    Severity: { Label: kind.severity },
    Title: kind.title,
    Description: `${kind.title} (sample finding ${index + 1})`,
    Resources: [{ Type: kind.type, Id: `sample-resource-${pad(index + 1, 4)}`, Region: region }],
  };
}
