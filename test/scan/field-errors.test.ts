import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/clients.ts';
import { classifyError } from '../../src/aws/classify-error.ts';
import {
  CALLER_ARN,
  contextAt,
  describeRegions,
  fakeAccount,
  listBuckets,
  scanFake,
} from './helpers/fake-account.ts';
import { lines } from './helpers/memory-sink.ts';
import { awsError, type WireAnswer } from './helpers/wire-mock.ts';

const TWO = describeRegions([
  ['us-east-1', 'opt-in-not-required'],
  ['eu-west-1', 'opt-in-not-required'],
]);
const inTwo = () => fakeAccount().on((r) => (r.operation === 'DescribeRegions' ? TWO : undefined));
const buckets = Array.from({ length: 40 }, (_, i) => `b-${String(i).padStart(2, '0')}`);

describe('C29: throttling', () => {
  it('retries, and what still fails makes the domain PARTIAL listing every item', async () => {
    const wire = fakeAccount()
      .on((r) => (r.operation === 'ListBuckets' ? listBuckets(buckets) : undefined))
      .on((r) =>
        r.operation === 'GetBucketEncryption' && r.bucket >= 'b-03'
          ? awsError.s3(503, 'SlowDown', 'Please reduce your request rate.')
          : undefined,
      );
    const { result } = await scanFake(wire);
    const throttled = result.failures.filter((f) => f.kind === 'throttled');
    expect(throttled).toHaveLength(37);
    expect(new Set(throttled.map((f) => f.resource))).toEqual(new Set(buckets.slice(3)));
    expect(throttled[0]).toMatchObject({
      operation: 'GetBucketEncryption',
      action: 's3:GetEncryptionConfiguration',
      errorCode: 'SlowDown',
      httpStatus: 503,
    });
    expect(wire.count('GetBucketEncryption')).toBeGreaterThan(40);
    expect(lines(result.coverage).s3).toBe(
      'PARTIAL (40 resources; bucket b-03, bucket b-04 and 35 more not readable: ' +
        's3:GetEncryptionConfiguration throttled after retries)',
    );
    expect(result.status).toBe('PARTIAL');
  });

  it.each([
    [
      'ec2',
      'RequestLimitExceeded',
      awsError.ec2(503, 'RequestLimitExceeded', 'Request limit exceeded.'),
    ],
    ['ec2', 'Throttling', awsError.ec2(400, 'Throttling', 'Rate exceeded')],
  ])('recognises %s %s and names the region', async (_service, code, answer) => {
    const wire = inTwo().on((r) =>
      r.operation === 'DescribeInstances' && r.region === 'eu-west-1' ? answer : undefined,
    );
    const { result } = await scanFake(wire);
    expect(result.failures).toMatchObject([
      { kind: 'throttled', errorCode: code, region: 'eu-west-1' },
    ]);
    expect(wire.count('DescribeInstances', 'eu-west-1')).toBe(5);
    expect(lines(result.coverage).ec2).toBe(
      'PARTIAL (0 resources; eu-west-1 not readable: ec2:DescribeInstances throttled after retries)',
    );
  });

  it.each([
    ['ThrottlingException', 'json'],
    ['TooManyRequestsException', 'json'],
    ['LimitExceededException', 'json'],
  ])('recognises %s from Cost Explorer', async (code) => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'GetCostAndUsage' ? awsError.json(400, code, 'Rate exceeded') : undefined,
    );
    const { result } = await scanFake(wire);
    expect(result.failures).toMatchObject([{ kind: 'throttled', errorCode: code }]);
    expect(lines(result.coverage).costexplorer).toBe(
      'ERROR (billing data not readable: ce:GetCostAndUsage throttled after retries)',
    );
  });

  it('succeeds after backing off, with nothing missing', async () => {
    let refused = 0;
    const wire = fakeAccount().on((r) => {
      if (r.operation !== 'DescribeInstances' || refused >= 2) return undefined;
      refused += 1;
      return awsError.ec2(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    });
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).ec2).toBe('OK (0 resources)');
    expect(result.failures).toEqual([]);
    expect(wire.count('DescribeInstances')).toBe(3);
  });

  it('caps calls in flight per service and region, and in all', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'ListBuckets' ? listBuckets(buckets) : undefined,
    );
    wire.latencyMs = 5;
    await scanFake(wire, { limits: { concurrency: 6, perServiceRegion: 2 } });
    expect(wire.peak.get('s3:us-east-1')).toBe(2);
    expect(wire.peak.get('*')).toBeLessThanOrEqual(6);
  });
});

describe('C30: an EC2 denial that names no action', () => {
  it('takes the action from the operation that was called', async () => {
    const encoded = 'fWvCzt6Jm3AvJ7r2XyH9'.repeat(20);
    const wire = inTwo().on((r) =>
      r.operation === 'DescribeInstances' && r.region === 'eu-west-1'
        ? awsError.ec2(
            403,
            'UnauthorizedOperation',
            `You are not authorized to perform this operation. Encoded authorization failure message: ${encoded}`,
          )
        : undefined,
    );
    const { result } = await scanFake(wire);
    expect(result.failures).toMatchObject([
      {
        operation: 'DescribeInstances',
        action: 'ec2:DescribeInstances',
        errorCode: 'UnauthorizedOperation',
        kind: 'missing-permission',
        fix: expect.stringContaining(
          'AttributeValue=DescribeInstances --profile escher-prod --region eu-west-1',
        ) as string,
      },
    ]);
    expect(result.failures[0]?.message).not.toContain(encoded);
    expect(lines(result.coverage).ec2).toBe(
      'PARTIAL (0 resources; eu-west-1 not readable: ec2:DescribeInstances denied)',
    );
  });
});

describe('C32: an explicit deny is blocked, not missing', () => {
  const deny = (where: string) =>
    `User: ${CALLER_ARN} is not authorized to perform: ce:GetCostAndUsage on resource: ` +
    `arn:aws:ce:us-east-1:111122223333:/GetCostAndUsage with an explicit deny in ${where}`;

  it('reports "ce:GetCostAndUsage blocked by an SCP (explicit deny)" and suggests no action', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'GetCostAndUsage'
        ? awsError.json(400, 'AccessDeniedException', deny('a service control policy'))
        : undefined,
    );
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).costexplorer).toBe(
      'ERROR (billing data not readable: ce:GetCostAndUsage blocked by an SCP (explicit deny))',
    );
    const [failure] = result.failures;
    expect(failure).toMatchObject({ kind: 'explicit-deny', deniedBy: 'service control policy' });
    expect(failure?.fix).toMatch(
      /^ce:GetCostAndUsage is blocked by an explicit deny in a service control policy/,
    );
    expect(failure?.fix).toContain(
      'aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GetCostAndUsage --profile escher-prod',
    );
    expect(result.status).toBe('PARTIAL');
  });

  async function classified(answer: WireAnswer) {
    const clients = new AwsClients(contextAt(), {
      requestHandler: (service, region) =>
        fakeAccount()
          .on(() => answer)
          .handlerFor(service, region),
      maxAttempts: 1,
    });
    const error: unknown = await clients
      .get('cost_explorer', 'us-east-1')
      .send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      )
      .catch((caught: unknown) => caught);
    return classifyError(error, {
      service: 'cost_explorer',
      operation: 'GetCostAndUsage',
      region: 'us-east-1',
      profile: 'escher-prod',
      homeRegion: 'us-east-1',
    });
  }

  it.each([
    ['an identity-based policy', 'identity-based policy'],
    ['a resource-based policy', 'resource-based policy'],
    ['a permissions boundary', 'permissions boundary'],
    ['a session policy', 'session policy'],
    ['a service control policy', 'service control policy'],
  ])('names the policy type of an explicit deny in %s', async (where, deniedBy) => {
    const result = await classified(awsError.json(400, 'AccessDeniedException', deny(where)));
    expect(result).toMatchObject({ kind: 'explicit-deny', deniedBy, action: 'ce:GetCostAndUsage' });
    expect(result.fix).not.toMatch(/^Add /);
  });

  it('treats an implicit deny (no policy allows it) as a missing action', async () => {
    const message =
      `User: ${CALLER_ARN} is not authorized to perform: ce:GetCostAndUsage on resource: * ` +
      'because no identity-based policy allows the ce:GetCostAndUsage action';
    const result = await classified(awsError.json(400, 'AccessDeniedException', message));
    expect(result).toMatchObject({ kind: 'missing-permission', action: 'ce:GetCostAndUsage' });
    expect(result.fix).toMatch(/^Add ce:GetCostAndUsage to the IAM policy/);
    expect(result.deniedBy).toBeUndefined();
  });
});

describe('answers that did not come from AWS', () => {
  // What a captive portal or a misconfigured proxy sends back with HTTP 200.
  const portal: WireAnswer = {
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: '<html><body>Please sign in to the hotel network</body></html>',
  };
  const garbage = (operation: string): WireAnswer | undefined => {
    if (operation === 'ListBuckets') return portal;
    if (operation === 'ListUsers') return { status: 200, body: '' };
    if (operation === 'ListFunctions') return { status: 200, body: '{}' };
    return undefined;
  };

  it('fail their call instead of passing for an empty, fully read domain', async () => {
    const { result } = await scanFake(fakeAccount().on((r) => garbage(r.operation)));
    const shown = lines(result.coverage);
    expect(shown.s3).toMatch(
      /^PARTIAL \(bucket list not readable: s3:ListAllMyBuckets failed \(NotAnAwsAnswer\)\)$/,
    );
    expect(shown.iam).toBe(
      'PARTIAL (0 roles; users not readable: iam:ListUsers failed (NotAnAwsAnswer))',
    );
    expect(shown.lambda).toBe(
      'ERROR (us-east-1 not readable: lambda:ListFunctions failed (NotAnAwsAnswer))',
    );
    const failed = result.failures.filter((f) => f.errorCode === 'NotAnAwsAnswer');
    expect(failed.map((f) => [f.operation, f.kind, f.httpStatus])).toEqual(
      expect.arrayContaining([
        ['ListBuckets', 'service-error', 200],
        ['ListUsers', 'service-error', 200],
        ['ListFunctions', 'service-error', 200],
      ]),
    );
    expect(failed[0]?.fix).toContain('did not come from AWS');
    expect(failed[0]?.fix).toContain("the profile's endpoint_url");
    expect(result.status).toBe('PARTIAL');
  });
});

describe('a list whose answer hands back a token it already gave', () => {
  it('stops at once and leaves the domain PARTIAL, instead of paging forever', async () => {
    const NS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
    const looping: WireAnswer = {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body:
        `<DescribeInstancesResponse ${NS}><requestId>r-9</requestId><reservationSet/>` +
        '<nextToken>loop</nextToken></DescribeInstancesResponse>',
    };
    const wire = fakeAccount().on((r) =>
      r.operation === 'DescribeInstances' ? looping : undefined,
    );
    const { result } = await scanFake(wire);
    expect(wire.count('DescribeInstances')).toBe(2);
    expect(lines(result.coverage).ec2).toBe(
      'PARTIAL (0 resources; us-east-1 not readable: ec2:DescribeInstances failed ' +
        '(RepeatedPageToken))',
    );
    const failure = result.failures.find((f) => f.errorCode === 'RepeatedPageToken');
    expect(failure?.fix).toContain('what came after is missing, not empty');
  });
});
