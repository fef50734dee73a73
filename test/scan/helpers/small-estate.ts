import {
  CloudTrailClient,
  CreateTrailCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import {
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import {
  BatchImportFindingsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { buildBilling } from '../../../src/demo/build/billing.ts';
import { zipOneFile } from '../../../src/demo/zip.ts';

export const ACCOUNT = '123456789012';
/** The regions the tests scan; eu-west-3 holds one bucket and nothing else. */
export const REGIONS = ['us-east-1', 'eu-west-1', 'eu-west-3'];

export interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What the small estate holds, as a user would count it. */
export const EXPECTED = {
  instances: 4, // 3 in us-east-1, 2 in eu-west-1 of which 1 terminated
  buckets: 4, // plain, paris (eu-west-3), public, trails
  users: 3,
  roles: 2,
  databases: 1,
  functions: 2,
  trails: 2, // one multi-region (seen in every region), one in eu-west-1
  alarms: 3, // metric alarms: moto has no composite ones
  logGroups: 55, // more than one page of 50
  rules: 1,
  findings: 2,
  detectors: 1,
};

/**
 * Builds a small estate on a local moto with plain SDK clients (no guard: this is the test's
 * own set-up, never Escher's code path).
 */
export async function buildSmallEstate(endpoint: string, credentials: Keys): Promise<void> {
  const config = (region: string) => ({ region, endpoint, credentials, maxAttempts: 2 });
  const ec2 = (region: string) => new EC2Client(config(region));
  const s3 = (region: string) => new S3Client({ ...config(region), forcePathStyle: true });

  const images = await ec2('us-east-1').send(new DescribeImagesCommand({}));
  const imageId = images.Images?.[0]?.ImageId ?? 'ami-12c6146b';
  await ec2('us-east-1').send(
    new RunInstancesCommand({
      ImageId: imageId,
      MinCount: 3,
      MaxCount: 3,
      InstanceType: 't3.micro',
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
    }),
  );
  const west = await ec2('eu-west-1').send(
    new RunInstancesCommand({
      ImageId: imageId,
      MinCount: 2,
      MaxCount: 2,
      InstanceType: 'm5.large',
    }),
  );
  const doomed = west.Instances?.[0]?.InstanceId ?? '';
  await ec2('eu-west-1').send(new TerminateInstancesCommand({ InstanceIds: [doomed] }));

  await s3('us-east-1').send(new CreateBucketCommand({ Bucket: 'scan-plain' }));
  const inParis = { LocationConstraint: 'eu-west-3' as BucketLocationConstraint };
  await s3('eu-west-3').send(
    new CreateBucketCommand({ Bucket: 'scan-paris', CreateBucketConfiguration: inParis }),
  );
  await s3('eu-west-3').send(
    new PutBucketEncryptionCommand({
      Bucket: 'scan-paris',
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  await s3('us-east-1').send(new CreateBucketCommand({ Bucket: 'scan-public' }));
  await s3('us-east-1').send(
    new PutBucketPolicyCommand({
      Bucket: 'scan-public',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::scan-public/*',
          },
        ],
      }),
    }),
  );
  await s3('us-east-1').send(
    new PutPublicAccessBlockCommand({
      Bucket: 'scan-plain',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );

  const iam = new IAMClient(config('us-east-1'));
  for (const name of ['alice', 'bob', 'carol']) {
    await iam.send(new CreateUserCommand({ UserName: name }));
  }
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });
  const roleArns: string[] = [];
  for (const name of ['app-runner', 'auditor']) {
    const role = await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }),
    );
    roleArns.push(role.Role?.Arn ?? '');
  }

  await new RDSClient(config('us-east-1')).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'orders',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: 'not-a-secret-1',
      StorageEncrypted: true,
    }),
  );

  const zip = zipOneFile('index.py', 'def handler(event, context):\n    return event\n');
  for (const [index, region] of ['us-east-1', 'eu-west-1'].entries()) {
    await new LambdaClient(config(region)).send(
      new CreateFunctionCommand({
        FunctionName: `worker-${index}`,
        Runtime: 'python3.12',
        Role: roleArns[0],
        Handler: 'index.handler',
        Code: { ZipFile: zip },
        Tags: { team: 'core' },
      }),
    );
  }

  await s3('us-east-1').send(new CreateBucketCommand({ Bucket: 'scan-trails' }));
  const trailsEast = new CloudTrailClient(config('us-east-1'));
  await trailsEast.send(
    new CreateTrailCommand({
      Name: 'org-trail',
      S3BucketName: 'scan-trails',
      IsMultiRegionTrail: true,
    }),
  );
  await trailsEast.send(new StartLoggingCommand({ Name: 'org-trail' }));
  await new CloudTrailClient(config('eu-west-1')).send(
    new CreateTrailCommand({ Name: 'local-trail', S3BucketName: 'scan-trails' }),
  );

  const cloudwatch = new CloudWatchClient(config('us-east-1'));
  for (const name of ['cpu-high', 'disk-low', 'errors']) {
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  }

  const logs = new CloudWatchLogsClient(config('us-east-1'));
  for (let index = 0; index < EXPECTED.logGroups; index += 1) {
    await logs.send(
      new CreateLogGroupCommand({ logGroupName: `/app/group-${String(index).padStart(3, '0')}` }),
    );
  }

  await new ConfigServiceClient(config('us-east-1')).send(
    new PutConfigRuleCommand({
      ConfigRule: {
        ConfigRuleName: 's3-versioning',
        Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
      },
    }),
  );

  const hub = new SecurityHubClient(config('us-east-1'));
  await hub.send(new EnableSecurityHubCommand({}));
  const now = new Date().toISOString();
  await hub.send(
    new BatchImportFindingsCommand({
      Findings: ['f-1', 'f-2'].map((id) => ({
        SchemaVersion: '2018-10-08',
        Id: id,
        ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`,
        GeneratorId: 'scan-test',
        AwsAccountId: ACCOUNT,
        Types: ['Software and Configuration Checks'],
        CreatedAt: now,
        UpdatedAt: now,
        Severity: { Label: 'HIGH' },
        Title: `finding ${id}`,
        Description: 'a test finding',
        Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::scan-public' }],
      })),
    }),
  );

  await new GuardDutyClient(config('us-east-1')).send(new CreateDetectorCommand({ Enable: true }));
  await buildBilling(endpoint, new Date());
}
