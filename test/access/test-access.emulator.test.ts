import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTestAccess } from '../../src/access/render.ts';
import { testProfileByName } from '../../src/access/test-profile.ts';
import { useMoto } from '../helpers/moto.ts';
import { createRole, createUser, everyReadAction, makeAwsHome, type AwsHome } from './fixture.ts';

/**
 * Test Access against a real moto_server that checks every call against IAM: the Step 4 block
 * a user sees for each kind of profile.
 */
const moto = useMoto({ enforceIam: true });
let home: AwsHome | undefined;

const run = (name: string, previouslyConnected = false) =>
  testProfileByName(name, {
    env: home!.env,
    homeDir: home!.homeDir,
    previouslyConnected,
    clients: { retryDelayMs: () => 5 },
  });

beforeAll(async () => {
  const { endpoint, admin } = moto;
  const every = everyReadAction();
  const prod = await createUser(endpoint, admin, 'escher-readonly', every);
  const audit = await createUser(
    endpoint,
    admin,
    'escher-audit',
    every.filter((action) => !action.startsWith('iam:') && !action.startsWith('ce:')),
  );
  const source = await createUser(endpoint, admin, 'escher-source', ['sts:AssumeRole']);
  const roleArn = await createRole(endpoint, admin, 'EscherReadOnly', source.arn, every);
  const lockedRole = await createRole(endpoint, admin, 'EscherLocked', prod.arn, every);

  const at = `region = us-east-1\nendpoint_url = ${endpoint}\n`;
  const keys = (name: string, id: string, secret: string) =>
    `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
  home = await makeAwsHome({
    config: [
      `[profile escher-prod]\n${at}`,
      `[profile escher-audit]\n${at}`,
      `[profile escher-rejected]\n${at}`,
      `[profile escher-source]\n${at}`,
      `[profile escher-role]\nrole_arn = ${roleArn}\nsource_profile = escher-source\n${at}`,
      `[profile escher-locked]\nrole_arn = ${lockedRole}\nsource_profile = escher-source\n${at}`,
      '[profile escher-sso]\nsso_session = corp\nsso_account_id = 123456789012\n' +
        `sso_role_name = EscherReadOnly\n${at}`,
      '[sso-session corp]\nsso_start_url = https://d-0000000000.awsapps.com/start\n' +
        'sso_region = us-east-1\n',
    ].join('\n'),
    credentials: [
      keys('escher-prod', prod.accessKeyId, prod.secretAccessKey),
      keys('escher-audit', audit.accessKeyId, audit.secretAccessKey),
      keys('escher-rejected', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
      keys('escher-source', source.accessKeyId, source.secretAccessKey),
    ].join('\n'),
  });
  await home.writeSsoToken('corp', {
    accessToken: 'expired-token',
    expiresAt: '2024-01-01T00:00:00Z',
    region: 'us-east-1',
    startUrl: 'https://d-0000000000.awsapps.com/start',
  });
});

afterAll(async () => {
  await home?.cleanup();
});

describe('testAccess against the emulator', () => {
  it('prints exactly the seed block for a profile holding every read action', async () => {
    const report = await run('escher-prod');
    expect(report.missing).toEqual([]);
    expect(report.denied).toEqual([]);
    expect(report.arn).toBe('arn:aws:iam::123456789012:user/escher-readonly');
    expect(renderTestAccess('escher-prod', report)).toBe(
      [
        'Profile: escher-prod',
        'Provider: AWS',
        'Account: 123456789012',
        'Status: ✓ Connected',
        'Permissions: Sufficient for estate scan',
      ].join('\n'),
    );
  });

  it('names exactly the IAM and Cost Explorer actions a profile lacks', async () => {
    const report = await run('escher-audit');
    expect(renderTestAccess('escher-audit', report)).toBe(
      [
        'Profile: escher-audit',
        'Provider: AWS',
        'Account: 123456789012',
        'Status: ✓ Connected',
        'Permissions: Missing 5 actions in 2 domains (IAM, Cost Explorer)',
        '  - ce:GetCostAndUsage',
        '  - iam:GenerateCredentialReport',
        '  - iam:GetCredentialReport',
        '  - iam:ListRoles',
        '  - iam:ListUsers',
      ].join('\n'),
    );
    expect(report.missing.map((group) => group.label)).toEqual(['IAM', 'Cost Explorer']);
  });

  it('reports keys the emulator rejects as ERROR with the command that fixes it', async () => {
    const report = await run('escher-rejected');
    expect(report.status).toBe('ERROR');
    expect(renderTestAccess('escher-rejected', report)).toBe(
      [
        'Profile: escher-rejected',
        'Provider: AWS',
        'Account: unknown',
        'Status: ✗ AWS rejected the access keys (InvalidClientTokenId)',
        'Fix: aws configure --profile escher-rejected',
      ].join('\n'),
    );
  });

  it('is DISCONNECTED, not ERROR, for a profile that connected before', async () => {
    const report = await run('escher-rejected', true);
    expect(report.status).toBe('DISCONNECTED');
    expect(renderTestAccess('escher-rejected', report)).toContain(
      'Status: ✗ Disconnected: AWS rejected the access keys (InvalidClientTokenId)',
    );
  });

  it('reports an unknown profile in the seed troubleshooting words', async () => {
    const report = await run('escher-nowhere');
    expect(report.status).toBe('ERROR');
    expect(renderTestAccess('escher-nowhere', report)).toBe(
      [
        'Profile: escher-nowhere',
        'Provider: AWS',
        'Account: unknown',
        'Status: ✗ Unable to locate credentials: profile escher-nowhere is not in the AWS ' +
          'config or credentials file',
        'Fix: aws configure --profile escher-nowhere',
      ].join('\n'),
    );
  });

  it('asks for aws sso login when the cached SSO token has expired', async () => {
    const report = await run('escher-sso');
    expect(report.status).toBe('ERROR');
    expect(renderTestAccess('escher-sso', report)).toBe(
      [
        'Profile: escher-sso',
        'Provider: AWS',
        'Account: 123456789012',
        'Status: ✗ SSO session expired',
        'Fix: aws sso login --profile escher-sso',
      ].join('\n'),
    );
  });

  it('connects through a role the source profile may assume, as the role', async () => {
    const report = await run('escher-role');
    expect(report.status).toBe('CONNECTED');
    expect(report.account).toBe('123456789012');
    expect(report.arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/EscherReadOnly\//);
  });

  it('names the role and its trust policy when the role cannot be assumed', async () => {
    const report = await run('escher-locked');
    expect(report.status).toBe('ERROR');
    const text = renderTestAccess('escher-locked', report);
    expect(text).toContain(
      'Status: ✗ Cannot assume role arn:aws:iam::123456789012:role/EscherLocked (AccessDenied)',
    );
    expect(text).toContain('trust policy');
  });

  it('never prints a key or secret', async () => {
    const reports = await Promise.all(
      ['escher-prod', 'escher-rejected', 'escher-role'].map((name) => run(name)),
    );
    const text = JSON.stringify(reports) + reports.map((r) => renderTestAccess('x', r)).join();
    expect(text).not.toMatch(/AKIA[A-Z0-9]{16}|wJalrXUtnFEMI|aws_secret_access_key/);
  });
});
