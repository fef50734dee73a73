import { describe, expect, it } from 'vitest';
import { scanAccount } from '../../src/scan/scan-account.ts';
import type { ScanProgress } from '../../src/scan/scan-types.ts';
import { contextAt, fakeAccount, iamList, listBuckets, scanFake } from './helpers/fake-account.ts';

const buckets = Array.from({ length: 30 }, (_, i) => `bucket-${i}`);

describe('scan progress and cancellation', () => {
  it('reports each domain per region, global services once as "global"', async () => {
    const events: ScanProgress[] = [];
    await scanFake(fakeAccount(), { onProgress: (event) => events.push(event) });
    const finished = events.filter((event) => event.state === 'finished');
    expect(finished.map((event) => `${event.domain} ${event.region}`).sort()).toEqual(
      [
        'account us-east-1',
        'cloudtrail us-east-1',
        'cloudwatch us-east-1',
        'config us-east-1',
        'costexplorer global',
        'ec2 us-east-1',
        'guardduty us-east-1',
        'iam global',
        'lambda us-east-1',
        'logs us-east-1',
        'organizations global',
        'rds us-east-1',
        's3 global',
        'securityhub us-east-1',
      ].sort(),
    );
  });

  it('counts what each domain read in each region, IAM users and roles included', async () => {
    const wire = fakeAccount()
      .on((r) => (r.operation === 'ListBuckets' ? listBuckets(['b-1', 'b-2']) : undefined))
      .on((r) => (r.operation === 'ListUsers' ? iamList('ListUsers', ['a', 'b', 'c']) : undefined))
      .on((r) => (r.operation === 'ListRoles' ? iamList('ListRoles', ['r']) : undefined));
    const events: ScanProgress[] = [];
    await scanFake(wire, { onProgress: (event) => events.push(event) });
    const count = (domain: string) =>
      events.find((event) => event.domain === domain && event.state === 'finished')?.count;
    // Two buckets: the account's Block Public Access setting is stored, but not counted, as
    // the overview does not count it either.
    expect([count('iam'), count('s3'), count('ec2')]).toEqual([4, 2, 0]);
    expect(events.filter((e) => e.state === 'started').every((e) => e.count === 0)).toBe(true);
  });

  it('stops when the signal fires, and rejects instead of reporting a partial estate', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'ListBuckets' ? listBuckets(buckets) : undefined,
    );
    wire.latencyMs = 2;
    const controller = new AbortController();
    const coverage: string[] = [];
    const scan = scanAccount(contextAt(), {
      sink: {
        resource: () => {
          controller.abort();
        },
        failure: () => undefined,
        coverage: (c) => {
          coverage.push(c.domain);
        },
      },
      signal: controller.signal,
      clientOptions: { requestHandler: wire.handlerFor, retryDelayMs: () => 1 },
    });
    await expect(scan).rejects.toThrow();
    const sent = wire.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wire.requests.length).toBe(sent);
    expect(coverage).not.toContain('s3');
  });
});
