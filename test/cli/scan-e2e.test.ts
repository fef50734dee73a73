import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_IDS } from '../../src/core/domains.ts';
import { useMoto } from '../helpers/moto.ts';
import { testHome, type TestHome } from './helpers.ts';

// moto accepts any keys when IAM is not enforced; these are made up for the test.
const KEY_ID = 'AKIAE2ESCANTESTKEY01';
const SECRET = 'e2eScanTestSecret/bbbbbbbbbbbbbbbbbbbbbbbbbbb';
const credentials = { accessKeyId: KEY_ID, secretAccessKey: SECRET };

// An SSO profile with no cached login: it cannot sign in, and nothing is sent for it.
const SSO =
  '\n[profile sso-thing]\nsso_start_url = https://example.awsapps.com/start\n' +
  'sso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n' +
  'region = us-east-1\n';

describe('escher scan against the emulator', () => {
  const moto = useMoto();
  let t: TestHome;
  let instanceIds: string[] = [];

  beforeAll(async () => {
    const ec2 = new EC2Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
    });
    const images = await ec2.send(new DescribeImagesCommand({}));
    const imageId = images.Images?.[0]?.ImageId ?? 'ami-12c6146b';
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        MinCount: 2,
        MaxCount: 2,
        InstanceType: 't3.micro',
      }),
    );
    instanceIds = (run.Instances ?? []).map((instance) => instance.InstanceId ?? '');
    await s3.send(new CreateBucketCommand({ Bucket: 'escher-e2e-logs' }));

    t = testHome();
    const profile = (name: string): string =>
      `[profile ${name}]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n`;
    t.writeAws({
      config: `${profile('escher-prod')}\n${profile('escher-audit')}\n[profile nokeys]\nregion = us-east-1\n${SSO}`,
      credentials: ['escher-prod', 'escher-audit']
        .map(
          (name) => `[${name}]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`,
        )
        .join('\n'),
    });
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'escher-prod', 'escher-audit']);
  });
  afterAll(() => {
    t.remove();
  });

  it('tests access and prints the connected Step 4 block', async () => {
    const result = await t.run(['profiles', 'test', 'escher-prod']);
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'Profile: escher-prod',
      'Provider: AWS',
      'Account: 123456789012',
      'Status: ✓ Connected',
    ]);
    expect(result.code).toBe(0);
  });

  it('exits 1 and says what to run when a profile has no credentials', async () => {
    await t.run(['profiles', 'enable', 'nokeys']);
    const result = await t.run(['profiles', 'test', 'nokeys']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Status: ✗');
    expect(result.stdout).toContain('aws configure --profile nokeys');
    // The block says it all: no second message on stderr.
    expect(result.stderr).toBe('');
    const show = JSON.parse((await t.run(['profiles', 'show', 'nokeys', '--json'])).stdout);
    expect(show.accessStatus).toBe('ERROR');
    await t.run(['profiles', 'disable', 'nokeys']);
  });

  it('scans both profiles of the account into one version and merges what they saw', async () => {
    const scan = await t.run(['scan']);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('EstateView version 1');
    expect(scan.stdout).toContain(
      'escher-prod (AWS 123456789012)\nEC2 Instances: OK (2 resources)\nS3 Buckets: OK (1 resource)',
    );

    const resources = JSON.parse(
      (await t.run(['resources', '--json', '--type', 'ec2:instance'])).stdout,
    ) as {
      id: string;
      observedBy: string[];
    }[];
    expect(resources).toHaveLength(2);
    for (const resource of resources) {
      expect(resource.observedBy).toEqual(['escher-audit', 'escher-prod']);
    }
    const profiles = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout) as {
      name: string;
      lifecycle: string;
      lastRefreshed?: string;
    }[];
    expect(profiles.find((p) => p.name === 'escher-prod')).toMatchObject({ lifecycle: 'Enabled' });
    expect(profiles.find((p) => p.name === 'escher-prod')?.lastRefreshed).toBeDefined();
  });

  it('reports what changed since the previous version', async () => {
    const ec2 = new EC2Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
    await ec2.send(
      new CreateTagsCommand({
        Resources: [instanceIds[0] ?? ''],
        Tags: [{ Key: 'team', Value: 'web' }],
      }),
    );
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'escher-e2e-data' }));

    const scan = await t.run(['scan', 'escher-prod', '--json']);
    expect(scan.code).toBe(0);
    const result = JSON.parse(scan.stdout);
    expect(result.version).toMatchObject({ id: 2, changes: { added: 1, removed: 0, modified: 1 } });
    const overview = (await t.run(['overview'])).stdout;
    expect(overview).toContain('changes since previous: +1 −0 ~1');
  });

  it('sees no change when the estate did not change', async () => {
    const scan = await t.run(['scan', 'escher-prod', '--json']);
    expect(JSON.parse(scan.stdout).version.changes).toEqual({ added: 0, removed: 0, modified: 0 });
    // Domains in the overview's order, as the text prints them.
    const coverage = JSON.parse(scan.stdout).profiles[0].coverage as { domain: string }[];
    expect(coverage.map((line) => line.domain)).toEqual([...DOMAIN_IDS]);
    const overview = (await t.run(['overview'])).stdout;
    expect(overview).toContain('changes since previous: +0 −0 ~0');
    // escher-audit was not scanned by this refresh: its block says how old its lines are.
    const blocks = overview.split('\n\n');
    const audit = blocks.find((block) => block.startsWith('escher-audit (AWS')) ?? '';
    const prod = blocks.find((block) => block.startsWith('escher-prod (AWS')) ?? '';
    expect(audit.split('\n')[1]).toMatch(
      /^\(not scanned by this refresh: as of its last scan at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/,
    );
    expect(prod.split('\n')[1]).toMatch(/^EC2 Instances: OK/);
  });

  it('leaves no key or secret in the Escher home or the output', async () => {
    const outputs = await Promise.all([
      t.run(['resources', '--json']),
      t.run(['overview', '--json']),
      t.run(['profiles', 'diagnostics', 'escher-prod', '--json']),
    ]);
    for (const output of outputs) {
      expect(output.stdout + output.stderr).not.toContain(KEY_ID);
      expect(output.stdout + output.stderr).not.toContain(SECRET);
    }
    const bytes = t.escherBytes();
    expect(bytes.includes(KEY_ID)).toBe(false);
    expect(bytes.includes(SECRET)).toBe(false);
  });

  it('names the profiles that could not sign in apart, and says why once, under the block', async () => {
    await t.run(['profiles', 'enable', 'nokeys', 'sso-thing']);
    const scan = await t.run(['scan']);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toBe('');
    expect(scan.stdout.split('\n')[0]).toBe(
      'Scanned escher-audit, escher-prod. Could not sign in: nokeys, sso-thing ' +
        '(see `escher profiles test NAME`).',
    );
    const block = scan.stdout.split('\n\n').findIndex((s) => s.startsWith('nokeys (AWS'));
    const sections = scan.stdout.split('\n\n');
    expect(sections[block]?.split('\n')).toHaveLength(14);
    expect(sections[block]).toContain('EC2 Instances: ERROR (not read: sign-in failed)');
    expect(sections[block + 1]).toMatch(/^nokeys: nothing could be read: .+\n?$/);
    expect(scan.stdout.split('aws configure --profile nokeys')).toHaveLength(2);
    expect(scan.stdout.split('aws sso login --profile sso-thing')).toHaveLength(2);
    await t.run(['profiles', 'disable', 'nokeys', 'sso-thing']);
  });
});
