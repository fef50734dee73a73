import { describe, expect, it } from 'vitest';
import { fakeAccount, scanFake } from './helpers/fake-account.ts';
import { coverageOf, DomainTally } from '../../src/scan/domain-tally.ts';

describe('the counts of a domain read in full', () => {
  it('hold every key its line counts, 0 when the account has none', async () => {
    const { result } = await scanFake(fakeAccount());
    const counts = Object.fromEntries(result.coverage.map((c) => [c.domain, c.counts]));
    expect(counts).toMatchObject({
      ec2: { resources: 0 },
      s3: { resources: 0 },
      iam: { users: 0, roles: 0 },
      rds: { resources: 0 },
      lambda: { resources: 0 },
      cloudtrail: { resources: 0 },
      logs: { resources: 0 },
      securityhub: { resources: 0 },
    });
    // Cost Explorer answered with a month of data; no organization and no GuardDuty detector
    // are answers about the account, not counts.
    expect(counts.costexplorer).toEqual({ periods: 1, lastMonthCost: 1234.5 });
    for (const domain of ['organizations', 'guardduty']) {
      expect(result.coverage.find((c) => c.domain === domain)).toMatchObject({
        status: 'NOT ENABLED',
        counts: {},
      });
    }
  });
});

describe('the line of a domain with failed reads', () => {
  it('reads the same whatever order the calls failed in', () => {
    const gaps = [
      { subject: 'roles', what: 'iam:ListRoles denied' },
      { subject: 'credential report', what: 'iam:GenerateCredentialReport denied' },
      { subject: 'credential report', what: 'iam:GetCredentialReport denied' },
      { subject: 'users', what: 'iam:ListUsers denied' },
    ];
    const line = (order: typeof gaps): string | undefined => {
      const tally = new DomainTally('iam');
      tally.gaps.push(...order);
      return coverageOf(tally, '', 0).detail;
    };
    const expected =
      'credential report not readable: iam:GenerateCredentialReport denied, ' +
      'iam:GetCredentialReport denied; roles not readable: iam:ListRoles denied; ' +
      'users not readable: iam:ListUsers denied';
    expect(line(gaps)).toBe(expected);
    expect(line([...gaps].reverse())).toBe(expected);
    expect(line([gaps[2]!, gaps[0]!, gaps[3]!, gaps[1]!])).toBe(expected);
  });
});
