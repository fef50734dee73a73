import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoUsers, type DemoUsers } from '../../src/demo/demo-users.ts';
import type { EmulatorCredentials, EmulatorTarget } from '../../src/demo/emulator-target.ts';
import { readBackCounts } from '../../src/demo/estate-readback.ts';
import { SEED_COUNTS } from '../../src/demo/estate-spec.ts';
import { buildSampleEstate, type SampleEstate } from '../../src/demo/sample-estate.ts';
import { emulatorClientConfig } from '../../src/demo/sdk.ts';
import { buildPolicyDocument } from '../../src/policy/build-policy.ts';
import { useMoto } from '../helpers/moto.ts';

const moto = useMoto({ enforceIam: true });

describe('the sample estate on moto (IAM enforced)', () => {
  let admin: EmulatorTarget;
  let estate: SampleEstate;
  let users: DemoUsers;
  const as = (credentials: EmulatorCredentials, region = 'us-east-1') =>
    emulatorClientConfig({ endpoint: moto.endpoint, credentials }, region);

  beforeAll(async () => {
    admin = { endpoint: moto.endpoint, credentials: moto.admin };
    estate = await buildSampleEstate(admin, { now: new Date('2026-03-10T12:00:00Z') });
    users = await createDemoUsers(admin);
  });

  it('reads back the seed’s Step 5 counts through the SDK, over every region', async () => {
    const counts = await readBackCounts(admin);
    expect(counts).toMatchObject({
      ec2Instances: 48,
      s3Buckets: 22,
      iamUsers: 142,
      iamRoles: 38,
      rdsInstances: 6,
      lambdaFunctions: 31,
      trails: 3,
    });
    expect(counts).toEqual(SEED_COUNTS);
  });

  it('spreads instances over three regions', async () => {
    const perRegion = await Promise.all(
      ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map(async (region) => {
        const ec2 = new EC2Client(as(moto.admin, region));
        const page = await ec2.send(new DescribeInstancesCommand({}));
        ec2.destroy();
        return (page.Reservations ?? []).flatMap((r) => r.Instances ?? []).length;
      }),
    );
    expect(perRegion).toEqual([16, 16, 16]);
  });

  it('gives buckets the planned region, public policy, access block and encryption', async () => {
    expect(estate.buckets.filter((b) => b.publicRead).length).toBeGreaterThanOrEqual(2);
    expect(new Set(estate.buckets.map((b) => b.region)).size).toBeGreaterThanOrEqual(3);
    const s3 = new S3Client(as(moto.admin));
    for (const bucket of estate.buckets) {
      const where = await s3.send(new GetBucketLocationCommand({ Bucket: bucket.name }));
      expect(where.LocationConstraint ?? 'us-east-1').toBe(bucket.region);
      const policy = await s3
        .send(new GetBucketPolicyCommand({ Bucket: bucket.name }))
        .then((answer) => answer.Policy)
        .catch(() => undefined);
      expect(policy?.includes('"Principal":"*"') ?? false).toBe(bucket.publicRead);
      const block = await s3
        .send(new GetPublicAccessBlockCommand({ Bucket: bucket.name }))
        .then((answer) => answer.PublicAccessBlockConfiguration?.BlockPublicPolicy === true)
        .catch(() => false);
      expect(block).toBe(bucket.publicAccessBlock);
      const encrypted = await s3
        .send(new GetBucketEncryptionCommand({ Bucket: bucket.name }))
        .then(() => true)
        .catch(() => false);
      expect(encrypted).toBe(bucket.encrypted);
    }
    s3.destroy();
  });

  it('answers GetCostAndUsage with the billing months', async () => {
    const ce = new CostExplorerClient(as(users.readonly.credentials));
    const answer = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-12-01', End: '2026-03-10' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
      }),
    );
    ce.destroy();
    expect(answer.ResultsByTime?.map((r) => r.TimePeriod?.Start)).toEqual([
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(answer.ResultsByTime?.[0]?.Total?.UnblendedCost).toEqual({
      Amount: '18234.51',
      Unit: 'USD',
    });
  });

  it('gives escher-readonly exactly `escher policy`’s document, plus the emulator-only twins', async () => {
    const iam = new IAMClient(as(moto.admin));
    const attached = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'escher-readonly' }),
    );
    const names = (attached.AttachedPolicies ?? []).map((p) => p.PolicyName).sort();
    expect(names).toEqual(['EscherReadOnly', 'EscherReadOnlyEmulatorTwins']);
    const arn = attached.AttachedPolicies!.find(
      (p) => p.PolicyName === 'EscherReadOnly',
    )!.PolicyArn!;
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    const version = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy!.DefaultVersionId! }),
    );
    iam.destroy();
    const document = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!));
    expect(document).toEqual(buildPolicyDocument());
    const twin = users.readonly.policies.EscherReadOnlyEmulatorTwins!;
    const twinActions = twin.Statement.flatMap((s) => s.Action);
    const cloudwatch = buildPolicyDocument()
      .Statement[0].Action.filter((action) => action.startsWith('cloudwatch:'))
      .map((action) => action.replace('cloudwatch:', 'monitoring:'));
    expect(cloudwatch.length).toBeGreaterThan(0);
    expect(twinActions.sort()).toEqual(
      [...cloudwatch, 's3:GetPublicAccessBlock', 's3:ListBucket'].sort(),
    );
  });

  it('lets escher-readonly read CloudWatch, S3 settings and IAM, and denies escher-audit IAM and CE', async () => {
    const cloudwatch = new CloudWatchClient(as(users.readonly.credentials));
    const alarms = await cloudwatch.send(new DescribeAlarmsCommand({}));
    cloudwatch.destroy();
    expect(alarms.MetricAlarms?.length).toBeGreaterThan(0);

    const blocked = estate.buckets.find((b) => b.publicAccessBlock && b.encrypted)!;
    const readonlyS3 = new S3Client(as(users.readonly.credentials, blocked.region));
    const block = await readonlyS3.send(new GetPublicAccessBlockCommand({ Bucket: blocked.name }));
    const encryption = await readonlyS3.send(
      new GetBucketEncryptionCommand({ Bucket: blocked.name }),
    );
    readonlyS3.destroy();
    expect(block.PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.length).toBe(1);

    const readonlyIam = new IAMClient(as(users.readonly.credentials));
    const listed = await readonlyIam.send(new ListUsersCommand({}));
    readonlyIam.destroy();
    expect(listed.Users?.length).toBeGreaterThan(0);

    const auditIam = new IAMClient(as(users.audit.credentials));
    const denied = await auditIam.send(new ListUsersCommand({})).catch((error: unknown) => error);
    auditIam.destroy();
    expect((denied as { name?: string }).name).toBe('AccessDenied');

    const auditCe = new CostExplorerClient(as(users.audit.credentials));
    const deniedCe = await auditCe
      .send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-01-01', End: '2026-02-01' },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      )
      .catch((error: unknown) => error);
    auditCe.destroy();
    expect(
      (deniedCe as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    ).toBe(403);
  });
});
