import { describe, expect, it } from 'vitest';
import { ScanAuthError } from '../../src/scan/scan-types.ts';
import {
  ACCOUNT,
  CALLER_ARN,
  contextAt,
  describeRegions,
  fakeAccount,
  iamList,
  scanFake,
} from './helpers/fake-account.ts';
import { lines } from './helpers/memory-sink.ts';
import { awsError } from './helpers/wire-mock.ts';

const SCP_DENY = (action: string) =>
  `User: ${CALLER_ARN} is not authorized to perform: ${action} with an explicit deny in a ` +
  'service control policy';

describe('an empty account', () => {
  it('reads every domain, each line OK or NOT ENABLED', async () => {
    const { result } = await scanFake(fakeAccount());
    expect(lines(result.coverage)).toEqual({
      ec2: 'OK (0 resources)',
      s3: 'OK (0 resources)',
      iam: 'OK (0 users, 0 roles)',
      rds: 'OK (0 instances)',
      lambda: 'OK (0 functions)',
      costexplorer: 'OK (billing data available)',
      cloudtrail: 'OK (0 trails found)',
      cloudwatch: 'OK (0 alarms)',
      logs: 'OK (0 log groups)',
      organizations: 'NOT ENABLED (standalone account)',
      config: 'OK (0 rules)',
      securityhub: 'OK (0 findings)',
      guardduty: 'NOT ENABLED (not enabled in any region)',
    });
    expect(result).toMatchObject({
      accountId: ACCOUNT,
      arn: CALLER_ARN,
      status: 'OK',
      failures: [],
    });
  });
});

describe('C15: regions come from the account, not from the SDK', () => {
  const regions = describeRegions([
    ['us-east-1', 'opt-in-not-required'],
    ['eu-west-1', 'opt-in-not-required'],
    ['ap-east-1', 'not-opted-in'],
  ]);

  it('skips an opt-in region the account never enabled, and sends it nothing', async () => {
    const wire = fakeAccount().on((r) => (r.operation === 'DescribeRegions' ? regions : undefined));
    const { result } = await scanFake(wire);
    expect(result.regions).toEqual({
      scanned: ['us-east-1', 'eu-west-1'],
      skipped: [{ region: 'ap-east-1', reason: 'region not enabled' }],
    });
    expect(wire.requests.filter((request) => request.region === 'ap-east-1')).toEqual([]);
    expect(result.status).toBe('OK');
    expect(result.failures).toEqual([]);
  });

  it('skips a region of the user’s list that the account has not enabled', async () => {
    const wire = fakeAccount().on((r) => (r.operation === 'DescribeRegions' ? regions : undefined));
    const { result } = await scanFake(wire, { regions: ['eu-west-1', 'ap-east-1'] });
    expect(result.regions).toEqual({
      scanned: ['eu-west-1'],
      skipped: [{ region: 'ap-east-1', reason: 'region not enabled' }],
    });
  });

  it('takes AuthFailure and InvalidClientTokenId from a listed region as region-not-enabled', async () => {
    const wire = fakeAccount()
      .on((r) =>
        r.operation === 'DescribeRegions' && r.region === 'us-east-1' ? regions : undefined,
      )
      .on((r) =>
        r.region === 'eu-west-1' && r.operation === 'DescribeRegions'
          ? awsError.ec2(
              401,
              'AuthFailure',
              'AWS was not able to validate the provided access credentials',
            )
          : undefined,
      );
    const { result } = await scanFake(wire);
    expect(result.regions.skipped).toEqual([
      { region: 'ap-east-1', reason: 'region not enabled' },
      { region: 'eu-west-1', reason: 'region not enabled' },
    ]);
    expect(result.status).toBe('OK');

    const alarms = fakeAccount()
      .on((r) =>
        r.operation === 'DescribeRegions' && r.region === 'us-east-1' ? regions : undefined,
      )
      .on((r) =>
        r.region === 'eu-west-1' && r.operation === 'DescribeAlarms'
          ? awsError.json(
              403,
              'InvalidClientTokenId',
              'The security token included in the request is invalid.',
            )
          : undefined,
      );
    const later = await scanFake(alarms);
    expect(later.result.failures).toMatchObject([
      { operation: 'DescribeAlarms', region: 'eu-west-1', kind: 'region-not-enabled' },
    ]);
    expect(lines(later.result.coverage).cloudwatch).toBe('OK (0 alarms)');
  });
});

describe('C16: an SCP that denies regions does not stop the scan', () => {
  const listed = describeRegions([
    ['us-east-1', 'opt-in-not-required'],
    ['eu-west-1', 'opt-in-not-required'],
    ['ap-south-1', 'opt-in-not-required'],
  ]);
  const wire = () =>
    fakeAccount()
      .on((r) => (r.operation === 'DescribeRegions' ? listed : undefined))
      .on((r) =>
        r.region !== 'us-east-1' && r.service === 'ec2'
          ? awsError.ec2(403, 'UnauthorizedOperation', SCP_DENY(`ec2:${r.operation}`))
          : undefined,
      );

  it('bootstraps in the profile’s region and skips the denied regions as "denied by SCP"', async () => {
    const fake = wire();
    const { result } = await scanFake(fake);
    expect(fake.requests.slice(0, 2).map((r) => `${r.operation} ${r.region}`)).toEqual([
      'GetCallerIdentity us-east-1',
      'DescribeRegions us-east-1',
    ]);
    expect(result.regions).toEqual({
      scanned: ['us-east-1'],
      skipped: [
        { region: 'eu-west-1', reason: 'denied by SCP' },
        { region: 'ap-south-1', reason: 'denied by SCP' },
      ],
    });
    expect(result.status).toBe('PARTIAL');
    expect(lines(result.coverage).ec2).toBe(
      'PARTIAL (0 resources; ap-south-1, eu-west-1 not readable: denied by SCP)',
    );
    expect(lines(result.coverage).iam).toBe('OK (0 users, 0 roles)');
  });

  it('lists the deny as an explicit SCP deny, never as an action to add', async () => {
    const { result } = await scanFake(wire());
    expect(result.failures).toHaveLength(2);
    for (const failure of result.failures) {
      expect(failure).toMatchObject({ kind: 'explicit-deny', deniedBy: 'service control policy' });
      expect(failure.fix).not.toMatch(/^Add /);
      expect(failure.fix).toContain('must change the SCP');
    }
  });

  it('accepts the user’s region list', async () => {
    const fake = wire();
    const { result } = await scanFake(fake, { regions: ['us-east-1'] });
    expect(result.regions).toEqual({ scanned: ['us-east-1'], skipped: [] });
    expect(result.status).toBe('OK');
  });
});

describe('C17: global services are read once per account', () => {
  it('lists IAM roles once over three regions, labelled global', async () => {
    const listed = describeRegions([
      ['us-east-1', 'opt-in-not-required'],
      ['eu-west-1', 'opt-in-not-required'],
      ['ap-south-1', 'opt-in-not-required'],
    ]);
    const roles = Array.from({ length: 12 }, (_, i) => `role-${i}`);
    const wire = fakeAccount()
      .on((r) => (r.operation === 'DescribeRegions' ? listed : undefined))
      .on((r) => (r.operation === 'ListRoles' ? iamList('ListRoles', roles) : undefined));
    const { result, sink } = await scanFake(wire);
    expect(lines(result.coverage).iam).toBe('OK (0 users, 12 roles)');
    expect(sink.ofType('iam:role')).toHaveLength(12);
    expect(sink.ofType('iam:role').every((role) => role.region === 'global')).toBe(true);
    for (const operation of [
      'ListRoles',
      'ListUsers',
      'ListBuckets',
      'GetCostAndUsage',
      'DescribeOrganization',
    ]) {
      expect(wire.count(operation)).toBe(1);
    }
    expect(wire.count('DescribeInstances')).toBe(3);
  });
});

describe('sign-in failure', () => {
  it('throws ScanAuthError with the fix when STS rejects the credentials', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'GetCallerIdentity'
        ? awsError.query(
            403,
            'InvalidClientTokenId',
            'The security token included in the request is invalid.',
          )
        : undefined,
    );
    const scan = scanFake(wire, { ctx: contextAt('us-east-1', 'escher-prod') });
    await expect(scan).rejects.toBeInstanceOf(ScanAuthError);
    await expect(scan).rejects.toMatchObject({
      kind: 'auth-failed',
      errorCode: 'InvalidClientTokenId',
      fix: expect.stringContaining('aws configure --profile escher-prod') as string,
    });
    expect(wire.requests).toHaveLength(1);
  });

  it('says ExpiredToken is a sign-in failure too', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'GetCallerIdentity'
        ? awsError.query(
            403,
            'ExpiredToken',
            'The security token included in the request is expired',
          )
        : undefined,
    );
    await expect(scanFake(wire)).rejects.toMatchObject({
      kind: 'auth-failed',
      errorCode: 'ExpiredToken',
    });
  });
});
