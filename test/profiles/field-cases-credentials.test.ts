import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import { planCredentialChain } from '../../src/profiles/credential-plan.ts';
import { loadProfileFiles } from '../../src/profiles/load-files.ts';
import { ssoSettingsOf } from '../../src/profiles/profile-model.ts';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { ssoCacheFile } from '../../src/profiles/sso-token.ts';
import { codes, KEYS, rejection, useTempHomes } from './case-helpers.ts';

// Field cases C11-C14 ("Credentials") of ../shared/cases/field-cases.md, each against real
// files in a throw-away home directory, with the environment given explicitly per test.
const setup = useTempHomes();

const SSO_CONFIG =
  '[profile admin]\nsso_session = my-sso\nsso_account_id = 111122223333\n' +
  'sso_role_name = AdministratorAccess\n[sso-session my-sso]\n' +
  'sso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\n';

describe('Credentials', () => {
  it('C11: an SSO profile takes start URL and region from its sso-session', async () => {
    const h = await setup({ config: SSO_CONFIG });
    const { set } = await loadProfileFiles({ env: {}, homeDir: h.homeDir });
    expect(ssoSettingsOf(set, set.profiles.get('admin')!)).toEqual({
      sessionName: 'my-sso',
      startUrl: 'https://d-0000000000.awsapps.com/start',
      region: 'us-east-1',
      accountId: '111122223333',
      roleName: 'AdministratorAccess',
      cacheKey: 'my-sso',
    });
    const sha1 = createHash('sha1').update('my-sso').digest('hex');
    expect(ssoCacheFile(h.homeDir, 'my-sso')).toBe(`${h.homeDir}/.aws/sso/cache/${sha1}.json`);
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles[0]).toMatchObject({ credentialKind: 'sso', ssoSession: 'my-sso' });
  });

  it("C11: a quoted session name such as 'Team Dev' resolves to Team Dev", async () => {
    const h = await setup({
      config: SSO_CONFIG.replace('sso_session = my-sso', 'sso_session = Team Dev').replace(
        '[sso-session my-sso]',
        "[sso-session 'Team Dev']",
      ),
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles[0]?.ssoSession).toBe('Team Dev');
    expect(codes(catalog)).not.toContain('sso-session-missing');
    const { set } = await loadProfileFiles({ env: {}, homeDir: h.homeDir });
    expect(ssoSettingsOf(set, set.profiles.get('admin')!).startUrl).toBe(
      'https://d-0000000000.awsapps.com/start',
    );
  });

  it('C11: sso_start_url or sso_region that contradict the session are a config error', async () => {
    const h = await setup({
      config: SSO_CONFIG.replace(
        'sso_role_name = AdministratorAccess\n',
        'sso_role_name = AdministratorAccess\nsso_region = eu-west-1\n',
      ),
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    const conflict = catalog.warnings.find((w) => w.code === 'sso-session-conflict');
    expect(conflict).toMatchObject({ severity: 'error', file: h.configPath, line: 5 });
    expect(conflict?.message).toContain('sso_region of profile admin (eu-west-1)');
  });

  it('C12: an expired SSO token without refresh token means login, and no call', async () => {
    let requests = 0;
    const server = createServer((_, response) => {
      requests += 1;
      response.statusCode = 500;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const h = await setup({
        config: SSO_CONFIG.replace(
          'sso_role_name = AdministratorAccess\n',
          `sso_role_name = AdministratorAccess\nendpoint_url = http://127.0.0.1:${port}\n`,
        ),
      });
      const sha1 = createHash('sha1').update('my-sso').digest('hex');
      await h.writeAt(
        `.aws/sso/cache/${sha1}.json`,
        JSON.stringify({
          accessToken: 'x',
          expiresAt: '2024-01-01T00:00:00Z',
          region: 'us-east-1',
          startUrl: 'https://d-0000000000.awsapps.com/start',
        }),
      );
      const error = await rejection(
        resolveProfileContext('admin', { env: {}, homeDir: h.homeDir }),
      );
      expect(error.reason).toBe('sso-expired');
      expect(error.fixCommand).toBe('aws sso login --profile admin');
      expect(error.message).toContain('aws sso login --sso-session my-sso');
      expect(error.message).toContain('expired at 2024-01-01T00:00:00Z');
      const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
      const warning = catalog.warnings.find((w) => w.code === 'sso-login-required');
      expect(warning).toMatchObject({ file: h.configPath, line: 2, profile: 'admin' });
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('C12: a cache file that is not a token is named as unreadable, with the same fix', async () => {
    const h = await setup({ config: SSO_CONFIG });
    const sha1 = createHash('sha1').update('my-sso').digest('hex');
    const file = await h.writeAt(`.aws/sso/cache/${sha1}.json`, 'garbage{');
    const error = await rejection(resolveProfileContext('admin', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('sso-expired');
    expect(error.fixCommand).toBe('aws sso login --profile admin');
    expect(error.message).toContain(
      `the cached SSO token for sso-session my-sso (${file}) is not the JSON aws sso login writes`,
    );
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.warnings.find((w) => w.code === 'sso-login-required')?.message).toBe(
      `profile admin has an unreadable SSO cache file (${file}): run aws sso login --profile admin`,
    );
  });

  it('C12: a legacy profile keys its token cache by start URL', async () => {
    const h = await setup({
      config:
        '[profile legacy]\nsso_start_url = https://d-0000000000.awsapps.com/start\n' +
        'sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n',
    });
    const url = 'https://d-0000000000.awsapps.com/start';
    const sha1 = createHash('sha1').update(url).digest('hex');
    // A refresh token is of no use to a legacy profile: it still needs a login.
    await h.writeAt(
      `.aws/sso/cache/${sha1}.json`,
      JSON.stringify({
        accessToken: 'x',
        expiresAt: '2024-01-01T00:00:00Z',
        refreshToken: 'r',
        clientId: 'c',
        clientSecret: 's',
        registrationExpiresAt: '2999-01-01T00:00:00Z',
      }),
    );
    const error = await rejection(resolveProfileContext('legacy', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('sso-expired');
    expect(error.message).toContain(`start URL ${url}`);
  });

  it('C13: a multi-hop chain ends in credential_source, App assumed last', async () => {
    const h = await setup({
      config:
        '[profile app]\nrole_arn = arn:aws:iam::111122223333:role/App\nsource_profile = mid\n' +
        '[profile mid]\nrole_arn = arn:aws:iam::444455556666:role/Mid\nsource_profile = base\n' +
        '[profile base]\ncredential_source = Ec2InstanceMetadata\n',
    });
    const { set } = await loadProfileFiles({ env: {}, homeDir: h.homeDir });
    expect(planCredentialChain(set, 'app')).toEqual({
      ok: true,
      steps: [
        { kind: 'credential-source', profile: 'base', source: 'Ec2InstanceMetadata' },
        { kind: 'assume-role', profile: 'mid', roleArn: 'arn:aws:iam::444455556666:role/Mid' },
        { kind: 'assume-role', profile: 'app', roleArn: 'arn:aws:iam::111122223333:role/App' },
      ],
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(catalog.profiles.find((p) => p.name === 'app')?.accountId).toBe('111122223333');
  });

  it('C13: the walk stops at the first profile with static keys', async () => {
    const h = await setup({
      config:
        '[profile app]\nrole_arn = arn:aws:iam::111122223333:role/App\nsource_profile = mid\n' +
        '[profile mid]\nrole_arn = arn:aws:iam::444455556666:role/Mid\nsource_profile = base\n',
      credentials: `[mid]\n${KEYS}\n`,
    });
    const { set } = await loadProfileFiles({ env: {}, homeDir: h.homeDir });
    expect(planCredentialChain(set, 'app')).toMatchObject({
      ok: true,
      steps: [
        { kind: 'static-keys', profile: 'mid' },
        { kind: 'assume-role', profile: 'app' },
      ],
    });
  });

  it('C13: source_profile together with credential_source is invalid', async () => {
    const h = await setup({
      config:
        '[profile app]\nrole_arn = arn:aws:iam::111122223333:role/App\nsource_profile = base\n' +
        'credential_source = Environment\n[profile base]\n' +
        KEYS,
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    const warning = catalog.warnings.find((w) => w.code === 'source-and-credential-source');
    expect(warning).toMatchObject({ severity: 'error', file: h.configPath, line: 4 });
    const error = await rejection(resolveProfileContext('app', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('invalid-profile');
    expect(error.message).toContain('sets both source_profile and credential_source');
  });

  it('C14: an explicit profile ignores AWS_ACCESS_KEY_ID in the environment', async () => {
    const h = await setup({
      credentials: '[prod]\naws_access_key_id = AKIAPRODEXAMPLE\naws_secret_access_key = PRODKEY\n',
    });
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE', AWS_SECRET_ACCESS_KEY: 'ENVKEY' };
    const context = await resolveProfileContext('prod', { env, homeDir: h.homeDir });
    await expect(context.credentials()).resolves.toMatchObject({
      accessKeyId: 'AKIAPRODEXAMPLE',
    });
    const catalog = await readProfileCatalog({ env, homeDir: h.homeDir });
    expect(catalog.environment).toEqual({ hasKeys: true, defaultChainWinner: 'environment-keys' });
    expect(JSON.stringify(catalog)).not.toContain('AKIAENVEXAMPLE');
  });
});
