import { beforeAll, describe, expect, it } from 'vitest';
import { scanAccount } from '../../src/scan/scan-account.ts';
import type { AccountScanResult } from '../../src/scan/scan-types.ts';
import { useMoto } from '../helpers/moto.ts';
import { contextFor, lines, MemorySink } from './helpers/memory-sink.ts';
import { buildSmallEstate, REGIONS } from './helpers/small-estate.ts';

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'moto-test-secret' };
const noWait = () => Promise.resolve();

describe('scanAccount against moto', () => {
  const moto = useMoto();
  const sink = new MemorySink();
  let result: AccountScanResult;

  beforeAll(async () => {
    await buildSmallEstate(moto.endpoint, KEYS);
    result = await scanAccount(contextFor(moto.endpoint, KEYS), {
      sink,
      regions: REGIONS,
      sleep: noWait,
    });
  });

  it('prints every domain line with the counts of product.md', () => {
    expect(lines(result.coverage)).toEqual({
      ec2: 'OK (4 resources)',
      s3: 'OK (4 resources)',
      iam: 'OK (3 users, 2 roles)',
      rds: 'OK (1 instance)',
      lambda: 'OK (2 functions)',
      costexplorer: 'OK (billing data available)',
      cloudtrail: 'OK (2 trails found)',
      cloudwatch: 'OK (3 alarms)',
      logs: 'OK (55 log groups)',
      organizations: 'NOT ENABLED (standalone account)',
      config: 'OK (1 rule)',
      securityhub: 'OK (2 findings)',
      guardduty: 'OK (1 detector; not enabled in eu-west-1, eu-west-3)',
    });
    expect(result.status).toBe('OK');
    expect(result.failures).toEqual([]);
    expect(result.accountId).toBe('123456789012');
    expect(sink.coverages).toHaveLength(13);
  });

  it('streams one record per resource, each with its account and region', () => {
    expect(sink.ofType('ec2:instance')).toHaveLength(4);
    expect(sink.ofType('logs:log-group')).toHaveLength(55);
    const web = sink.ofType('ec2:instance').find((record) => record.name === 'web');
    expect(web?.region).toBe('us-east-1');
    expect(web?.attributes).toMatchObject({ instanceType: 't3.micro', state: 'running' });
    expect(web?.id).toMatch(/^arn:aws:ec2:us-east-1:123456789012:instance\/i-/);
    const states = sink.ofType('ec2:instance').map((record) => record.attributes.state);
    expect(states).not.toContain('terminated');
  });

  it('counts a multi-region trail once and reads whether each trail logs', () => {
    const trails = sink.ofType('cloudtrail:trail');
    expect(trails.map((trail) => trail.name).sort()).toEqual(['local-trail', 'org-trail']);
    expect(sink.named('cloudtrail:trail', 'org-trail').attributes).toMatchObject({
      multiRegion: true,
      isLogging: true,
    });
    expect(sink.named('cloudtrail:trail', 'local-trail').attributes.isLogging).toBe(false);
  });

  it('reads each bucket in its own region, with its public-access and encryption settings', () => {
    const paris = sink.named('s3:bucket', 'scan-paris');
    expect(paris.region).toBe('eu-west-3');
    expect(paris.attributes.encryption).toEqual({
      algorithm: 'aws:kms',
      kmsKeyId: null,
      bucketKeyEnabled: true,
    });
    const plain = sink.named('s3:bucket', 'scan-plain');
    expect(plain.region).toBe('us-east-1');
    expect(plain.attributes).toMatchObject({
      policy: 'none',
      policyPublic: false,
      publicAccessBlock: { configured: true, blockPublicPolicy: true },
    });
    const open = sink.named('s3:bucket', 'scan-public');
    expect(open.attributes).toMatchObject({
      policy: 'present',
      policyPublic: true,
      publicAccessBlock: { configured: false, blockPublicAcls: false },
    });
  });

  it('reads global services once, whatever the number of regions (C17)', () => {
    expect(sink.ofType('iam:role')).toHaveLength(2);
    expect(
      sink
        .ofType('iam:user')
        .map((user) => user.name)
        .sort(),
    ).toEqual(['alice', 'bob', 'carol']);
    expect(sink.ofType('iam:role').every((role) => role.region === 'global')).toBe(true);
    expect(sink.ofType('s3:bucket')).toHaveLength(4);
  });

  it('joins each user with the credential report', () => {
    expect(sink.named('iam:user', 'alice').attributes).toMatchObject({
      credentialReport: true,
      mfaActive: false,
      passwordEnabled: false,
    });
  });

  it('counts the HTTP requests it sent', () => {
    expect(result.apiCalls).toBeGreaterThan(40);
  });

  it('lists the account’s regions itself and skips the ones it has not opted into (C15)', async () => {
    const all = await scanAccount(contextFor(moto.endpoint, KEYS), {
      sink: new MemorySink(),
      sleep: noWait,
    });
    expect(all.regions.scanned).toContain('eu-west-3');
    expect(all.regions.scanned).not.toContain('ap-east-1');
    expect(all.regions.scanned.some((region) => region.startsWith('cn-'))).toBe(false);
    expect(all.regions.skipped).toContainEqual({
      region: 'ap-east-1',
      reason: 'region not enabled',
    });
    expect(lines(all.coverage).ec2).toBe('OK (4 resources)');
    expect(lines(all.coverage).cloudtrail).toBe('OK (2 trails found)');
  });
});
