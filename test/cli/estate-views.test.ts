import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCE_TYPES } from '../../src/scan/resource-types.ts';
import type { DomainCoverage } from '../../src/scan/types.ts';
import { openStore, PendingVersion } from '../../src/store/index.ts';
import { testHome, type TestHome } from './helpers.ts';

const CONFIG = `[profile escher-prod]
region = us-east-1
[profile escher-audit]
region = us-east-1
`;

const SEED_LINES: [DomainCoverage['domain'], string][] = [
  ['ec2', '48 resources'],
  ['s3', '22 resources'],
  ['iam', '142 users, 38 roles'],
  ['rds', '6 instances'],
  ['lambda', '31 functions'],
  ['costexplorer', 'billing data available'],
  ['cloudtrail', '3 trails found'],
  ['cloudwatch', '5 alarms'],
  ['logs', '12 log groups'],
  ['organizations', 'member account'],
  ['config', '4 rules'],
  ['securityhub', '9 findings'],
  ['guardduty', '1 detectors'],
];

/** Writes EstateViews straight into the store, as a scan would, then reads them by the CLI. */
function seed(t: TestHome, instances: string[]): void {
  const store = openStore(t.escherHome);
  try {
    const pending = PendingVersion.open(store, {
      scanned: ['escher-prod', 'escher-audit'],
      carried: [],
    });
    for (const [domain, detail] of SEED_LINES) {
      pending.coverage('escher-prod', { domain, status: 'OK', detail, counts: {} });
      const partial = domain === 'iam' || domain === 'costexplorer';
      pending.coverage('escher-audit', {
        domain,
        status: partial ? 'ERROR' : 'OK',
        detail: partial
          ? `not readable: ${domain === 'iam' ? 'iam:ListUsers' : 'ce:GetCostAndUsage'} denied`
          : detail,
        counts: {},
      });
    }
    for (const id of instances) {
      for (const profile of ['escher-prod', 'escher-audit']) {
        pending.resource(profile, {
          type: 'ec2:instance',
          domain: 'ec2',
          id,
          account: '123456789012',
          region: 'us-east-1',
          name: `web,${id}`,
          tags: { team: '=cmd' },
          attributes: { state: 'running' },
        });
      }
    }
    // The account's own S3 settings, and a bucket in another region.
    pending.resource('escher-prod', {
      type: 's3:account-public-access-block',
      domain: 's3',
      id: 'arn:aws:s3::123456789012:account-public-access-block',
      account: '123456789012',
      region: 'global',
      name: 'account 123456789012',
      tags: {},
      attributes: { publicAccessBlock: { configured: false } },
    });
    pending.resource('escher-prod', {
      type: 's3:bucket',
      domain: 's3',
      id: 'arn:aws:s3:::reports',
      account: '123456789012',
      region: 'eu-west-1',
      name: 'reports',
      tags: {},
      attributes: {},
    });
    pending.failure('escher-audit', {
      domain: 'iam',
      region: 'global',
      operation: 'ListUsers',
      action: 'iam:ListUsers',
      errorCode: 'AccessDenied',
      httpStatus: 403,
      kind: 'missing-permission',
      fix: 'add iam:ListUsers to the policy of escher-audit',
      message: 'User is not authorized to perform: iam:ListUsers',
    });
    pending.profileDone('escher-prod', { accountId: '123456789012' });
    pending.profileDone('escher-audit', { accountId: '123456789012' });
    pending.commit();
  } finally {
    store.close();
  }
}

describe('escher overview, resources and diagnostics', () => {
  let t: TestHome;
  beforeEach(async () => {
    t = testHome();
    t.writeAws({ config: CONFIG });
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'escher-prod', 'escher-audit']);
  });
  afterEach(() => {
    t.remove();
  });

  it('prints the header and the seed Step 5 block for each enabled profile', async () => {
    seed(t, ['i-1']);
    seed(t, ['i-1', 'i-2']);

    const { stdout, code } = await t.run(['overview']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^EstateView version 2, taken at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, changes since previous: \+1 −0 ~0\n\n/,
    );
    const prodBlock = [
      'escher-prod (AWS 123456789012)',
      'EC2 Instances: OK (48 resources)',
      'S3 Buckets: OK (22 resources)',
      'IAM: OK (142 users, 38 roles)',
      'RDS: OK (6 instances)',
      'Lambda: OK (31 functions)',
      'Cost Explorer: OK (billing data available)',
      'CloudTrail: OK (3 trails found)',
      'CloudWatch: OK (5 alarms)',
      'CloudWatch Logs: OK (12 log groups)',
      'Organizations: OK (member account)',
      'Config: OK (4 rules)',
      'Security Hub: OK (9 findings)',
      'GuardDuty: OK (1 detectors)',
    ].join('\n');
    expect(stdout).toContain(`\n\n${prodBlock}\n\n`);
    expect(stdout).toContain('IAM: ERROR (not readable: iam:ListUsers denied)');
    expect(stdout).toContain(
      'escher-audit: 1 failed call; see `escher profiles diagnostics escher-audit`',
    );

    const json = JSON.parse((await t.run(['overview', '--json'])).stdout);
    expect(json.version).toMatchObject({ id: 2, changes: { added: 1, removed: 0, modified: 0 } });
    expect(json.profiles[0].domains).toHaveLength(13);
  });

  it('lists merged resources with the profiles that observed them, as table, JSON and CSV', async () => {
    seed(t, ['i-1', 'i-2']);

    const json = JSON.parse((await t.run(['resources', '--json'])).stdout) as {
      id: string;
      observedBy: string[];
    }[];
    // The account's settings are listed when asked for by type; the totals count resources.
    expect(json.map((r) => [r.id, r.observedBy])).toEqual([
      ['i-1', ['escher-audit', 'escher-prod']],
      ['i-2', ['escher-audit', 'escher-prod']],
      ['arn:aws:s3:::reports', ['escher-prod']],
    ]);
    const settings = await t.run(['resources', '--type', 's3:account-public-access-block']);
    expect(settings.stdout).toContain('\n1 resource\n');
    const overview = JSON.parse((await t.run(['overview', '--json'])).stdout) as {
      resourceTotal: number;
    };
    expect(overview.resourceTotal).toBe(json.length);
    const inIreland = (await t.run(['resources', '--search', 'eu-west-1'])).stdout;
    expect(inIreland).toContain('\n1 resource\n');
    expect(inIreland).toMatch(/s3:bucket\s+reports\s+eu-west-1/);

    const csv = (await t.run(['resources', '--csv', '--type', 'ec2:instance'])).stdout;
    expect(csv.split('\n')[0]).toBe(
      'type,domain,id,name,account,region,observed_by,tags,attributes',
    );
    expect(csv.split('\n')[1]).toBe(
      'ec2:instance,ec2,i-1,"web,i-1",123456789012,us-east-1,escher-audit escher-prod,' +
        '"{""team"":""=cmd""}","{""state"":""running""}"',
    );

    const table = (await t.run(['resources', '--search', 'i-2'])).stdout;
    expect(table).toContain('\n1 resource\n');
    expect(table).toMatch(/ec2:instance\s+web,i-2\s+us-east-1\s+123456789012/);

    const none = await t.run(['resources', '--type', 'rds:db-instance', '--json']);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const both = await t.run(['resources', '--json', '--csv']);
    expect(both.code).toBe(2);
  });

  it('refuses an unknown --type, naming the known types, and lists them in --help', async () => {
    seed(t, ['i-1']);
    for (const type of ['bogus', 's3']) {
      const result = await t.run(['resources', '--type', type]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `escher: unknown resource type "${type}" (--type): use one of ${RESOURCE_TYPES.join(', ')}\n`,
      );
    }
    expect(RESOURCE_TYPES).toContain('s3:bucket');
    const help = (await t.run(['resources', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`only this type: ${RESOURCE_TYPES.join(', ')}`);
  });

  it('knows every resource type a collector emits', () => {
    const dir = new URL('../../src/scan/collectors/', import.meta.url).pathname;
    const emitted = readdirSync(dir).flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/type: '([a-z0-9]+:[a-z-]+)'/g)].map(
        (match) => match[1],
      ),
    );
    expect(new Set(emitted)).toEqual(new Set(RESOURCE_TYPES));
  });

  it('shows each failed call with domain, region, operation, action, code, kind and fix', async () => {
    seed(t, []);
    const { stdout } = await t.run(['profiles', 'diagnostics', 'escher-audit']);
    expect(stdout).toContain('Profile Diagnostics: escher-audit (AWS 123456789012)');
    expect(stdout).toContain(
      [
        '1 failed call:',
        '',
        '1. IAM · global · ListUsers',
        '   IAM action: iam:ListUsers',
        '   Error code: AccessDenied (HTTP 403)',
        '   Kind: missing permission',
        '   Fix: add iam:ListUsers to the policy of escher-audit',
      ].join('\n'),
    );
    const clean = await t.run(['profiles', 'diagnostics', 'escher-prod']);
    expect(clean.stdout).toContain('No failed calls: every call of the scan succeeded.');
    const json = JSON.parse(
      (await t.run(['profiles', 'diagnostics', 'escher-audit', '--json'])).stdout,
    );
    expect(json.failures[0]).toMatchObject({ domain: 'iam', kind: 'missing-permission' });
  });

  it('says what to run before any scan', async () => {
    expect((await t.run(['overview'])).stdout).toBe(
      'No EstateView yet: run `escher scan` to scan escher-audit, escher-prod.\n',
    );
    expect((await t.run(['resources'])).stdout).toBe('No EstateView yet: run `escher scan`.\n');
  });
});
