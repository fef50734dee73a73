import { describe, expect, it } from 'vitest';
import { fakeAccount, scanFake } from './helpers/fake-account.ts';

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
