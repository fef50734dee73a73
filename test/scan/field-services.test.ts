import { describe, expect, it } from 'vitest';
import { ACCOUNT, describeRegions, fakeAccount, scanFake } from './helpers/fake-account.ts';
import { lines } from './helpers/memory-sink.ts';
import { awsError, json } from './helpers/wire-mock.ts';

const THREE = describeRegions([
  ['us-east-1', 'opt-in-not-required'],
  ['us-west-2', 'opt-in-not-required'],
  ['eu-west-1', 'opt-in-not-required'],
]);
const inThree = () =>
  fakeAccount().on((r) => (r.operation === 'DescribeRegions' ? THREE : undefined));

describe('C25: Cost Explorer not opened by the payer, or without data yet', () => {
  it('(a) is NOT ENABLED "payer setting", with no IAM action to add', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'GetCostAndUsage'
        ? awsError.json(400, 'AccessDeniedException', 'User not enabled for cost explorer access')
        : undefined,
    );
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).costexplorer).toBe(
      'NOT ENABLED (Cost Explorer not enabled for this account (payer setting))',
    );
    expect(result.failures).toMatchObject([
      { kind: 'service-not-enabled', action: 'ce:GetCostAndUsage' },
    ]);
    expect(result.failures[0]?.fix).not.toMatch(/Add /);
    expect(result.status).toBe('OK');
  });

  it('(b) DataUnavailableException is OK with "no data yet"', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'GetCostAndUsage'
        ? awsError.json(400, 'DataUnavailableException', 'Data is not available.')
        : undefined,
    );
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).costexplorer).toBe('OK (no data yet)');
    expect(result.failures).toEqual([]);
  });

  it('asks for the last full month, once, from the global endpoint', async () => {
    const wire = fakeAccount();
    const { result } = await scanFake(wire, { now: () => new Date('2026-12-03T10:00:00Z') });
    const call = wire.requests.filter((r) => r.operation === 'GetCostAndUsage');
    expect(call).toHaveLength(1);
    expect(call[0]?.region).toBe('us-east-1');
    expect(JSON.parse(call[0]?.body ?? '{}')).toMatchObject({
      TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
      Granularity: 'MONTHLY',
    });
    expect(result.coverage.find((c) => c.domain === 'costexplorer')?.counts).toMatchObject({
      lastMonthCost: 1234.5,
    });
  });
});

describe('C26: Security Hub never enabled in a region', () => {
  const notSubscribed = awsError.restJson(
    401,
    'InvalidAccessException',
    `Account ${ACCOUNT} is not subscribed to AWS Security Hub`,
  );

  it('is NOT ENABLED there, and the other regions go on', async () => {
    const finding = (id: string) => ({
      Id: id,
      AwsAccountId: ACCOUNT,
      Title: id,
      Region: 'us-east-1',
    });
    const wire = inThree().on((r) => {
      if (r.operation !== 'GetFindings') return undefined;
      if (r.region === 'us-east-1') return json({ Findings: [finding('f-1'), finding('f-2')] });
      return notSubscribed;
    });
    const { result, sink } = await scanFake(wire);
    expect(lines(result.coverage).securityhub).toBe(
      'OK (2 findings; not enabled in eu-west-1, us-west-2)',
    );
    expect(sink.ofType('securityhub:finding')).toHaveLength(2);
    expect(lines(result.coverage).guardduty).toBe('NOT ENABLED (not enabled in any region)');
    expect(result.status).toBe('OK');
  });

  it('is NOT ENABLED for the profile when no region has it', async () => {
    const wire = inThree().on((r) => (r.operation === 'GetFindings' ? notSubscribed : undefined));
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).securityhub).toBe('NOT ENABLED (not enabled in any region)');
  });

  it('keeps AccessDeniedException a permission problem', async () => {
    const wire = inThree().on((r) =>
      r.operation === 'GetFindings' && r.region === 'eu-west-1'
        ? awsError.restJson(
            403,
            'AccessDeniedException',
            'not authorized to perform: securityhub:GetFindings',
          )
        : undefined,
    );
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).securityhub).toBe(
      'PARTIAL (0 findings; eu-west-1 not readable: securityhub:GetFindings denied)',
    );
  });
});

describe('C27: GuardDuty per region: enabled, none, suspended', () => {
  it('gives each region an explicit result and none of them is an error', async () => {
    const wire = inThree()
      .on((r) => {
        if (r.operation !== 'ListDetectors') return undefined;
        const ids = { 'us-east-1': ['d1'], 'us-west-2': [], 'eu-west-1': ['d2'] };
        return json({ detectorIds: ids[r.region as keyof typeof ids] });
      })
      .on((r) =>
        r.operation === 'GetDetector'
          ? json({
              status: r.path.endsWith('d1') ? 'ENABLED' : 'DISABLED',
              serviceRole: 'arn:aws:iam::111122223333:role/aws-service-role/guardduty',
              findingPublishingFrequency: 'SIX_HOURS',
              createdAt: '2024-01-01T00:00:00.000Z',
            })
          : undefined,
      );
    const { result, sink } = await scanFake(wire);
    expect(lines(result.coverage).guardduty).toBe(
      'OK (2 detectors; suspended in eu-west-1; not enabled in us-west-2)',
    );
    const byRegion = Object.fromEntries(
      sink.ofType('guardduty:detector').map((d) => [d.region, d.attributes.status]),
    );
    expect(byRegion).toEqual({ 'us-east-1': 'enabled', 'eu-west-1': 'suspended' });
    expect(result.failures).toEqual([]);
  });
});

describe('C28: Organizations', () => {
  it('(a) a standalone account is NOT ENABLED "standalone account", not a failure', async () => {
    const { result } = await scanFake(fakeAccount());
    expect(lines(result.coverage).organizations).toBe('NOT ENABLED (standalone account)');
    expect(result.failures).toEqual([]);
  });

  it('(b) a member account is OK, and no organizations:ListAccounts is suggested', async () => {
    const wire = fakeAccount()
      .on((r) =>
        r.operation === 'DescribeOrganization'
          ? json({
              Organization: {
                Id: 'o-exampleorgid',
                Arn: 'arn:aws:organizations::444455556666:organization/o-exampleorgid',
                MasterAccountId: '444455556666',
                FeatureSet: 'ALL',
              },
            })
          : undefined,
      )
      .on((r) =>
        r.operation === 'ListAccounts'
          ? awsError.json(
              400,
              'AccessDeniedException',
              'You don’t have permissions to access this resource.',
            )
          : undefined,
      );
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).organizations).toBe(
      'OK (member account; account list only available from the management or a delegated-admin account)',
    );
    expect(result.failures).toEqual([]);
  });

  it('lists every account from the management account', async () => {
    const wire = fakeAccount()
      .on((r) =>
        r.operation === 'DescribeOrganization'
          ? json({ Organization: { Id: 'o-1', MasterAccountId: ACCOUNT } })
          : undefined,
      )
      .on((r) =>
        r.operation === 'ListAccounts'
          ? json({
              Accounts: ['111122223333', '444455556666', '777788889999'].map((id) => ({
                Id: id,
                Arn: `arn:aws:organizations::${ACCOUNT}:account/o-1/${id}`,
                Name: `acct-${id}`,
                Status: 'ACTIVE',
              })),
            })
          : undefined,
      );
    const { result, sink } = await scanFake(wire);
    expect(lines(result.coverage).organizations).toBe('OK (3 accounts)');
    expect(sink.ofType('organizations:account')).toHaveLength(3);
  });
});
