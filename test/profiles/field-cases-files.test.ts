import { describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import { planCredentialChain } from '../../src/profiles/credential-plan.ts';
import { loadProfileFiles } from '../../src/profiles/load-files.ts';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { codes, KEYS, rejection, useTempHomes } from './case-helpers.ts';

// Field cases C01-C10 ("Profile files") of ../shared/cases/field-cases.md, each against real
// files in a throw-away home directory, with the environment given explicitly per test.
const setup = useTempHomes();

describe('Profile files', () => {
  it('C01: [profile dev] in the credentials file is not the profile dev', async () => {
    const h = await setup({ credentials: `[profile dev]\n${KEYS}` });
    const env = { AWS_PROFILE: 'dev' };
    const catalog = await readProfileCatalog({ env, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => p.name)).toEqual([]);
    expect(catalog.environment.profile).toBe('dev');
    expect(catalog.ignoredSections).toEqual([
      expect.objectContaining({
        suspectProfile: 'dev',
        source: { file: h.credentialsPath, section: 'profile dev', line: 1 },
      }),
    ]);
    const warning = catalog.warnings.find((w) => w.code === 'credentials-profile-prefix');
    expect(warning).toMatchObject({ file: h.credentialsPath, line: 1 });
    expect(warning?.message).toContain('belongs only in the config file');

    const error = await rejection(resolveProfileContext('dev', { env, homeDir: h.homeDir }));
    expect(error.reason).toBe('not-found');
    expect(error.message).toContain(
      `profile dev not found in ${h.configPath} or ${h.credentialsPath}`,
    );
    expect(error.message).toContain(`[profile dev] at ${h.credentialsPath} line 1`);
    expect(error.fixCommand).toBe('aws configure --profile dev');
  });

  it('C02: non-profile config sections are ignored, [dev] without prefix is warned', async () => {
    const h = await setup({
      config:
        '[preview]\ncloudfront = true\n[plugins]\nendpoint = awscli_plugin_endpoint\n' +
        '[dev]\nregion = eu-west-1\n[profile prod]\nregion = us-east-1',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => p.name)).toEqual(['prod']);
    const prefix = catalog.warnings.filter((w) => w.code === 'config-missing-profile-prefix');
    expect(prefix).toHaveLength(1);
    expect(prefix[0]).toMatchObject({ file: h.configPath, line: 5 });
    expect(prefix[0]?.message).toContain('did you mean [profile dev]?');
    expect(catalog.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });

  it('C03: [default] in config is a profile and ops chains from it', async () => {
    const h = await setup({
      config:
        '[default]\nregion = us-east-1\n[profile ops]\n' +
        'role_arn = arn:aws:iam::111122223333:role/ExampleRole\nsource_profile = default',
      credentials: `[default]\n${KEYS}`,
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => p.name)).toEqual(['default', 'ops']);
    const ops = catalog.profiles.find((p) => p.name === 'ops');
    expect(ops).toMatchObject({
      credentialKind: 'assume-role',
      sourceProfile: 'default',
      accountId: '111122223333',
    });
    const { set: loaded } = await loadProfileFiles({ env: {}, homeDir: h.homeDir });
    expect(planCredentialChain(loaded, 'ops')).toMatchObject({
      ok: true,
      steps: [
        { kind: 'static-keys', profile: 'default' },
        { kind: 'assume-role', profile: 'ops' },
      ],
    });
  });

  it('C03: [profile default] beats [default] in config, with a warning', async () => {
    const h = await setup({
      config: '[profile default]\nregion = eu-west-1\n[default]\nregion = us-west-2\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles).toHaveLength(1);
    expect(catalog.profiles[0]).toMatchObject({ name: 'default', region: 'eu-west-1' });
    const warning = catalog.warnings.find((w) => w.code === 'config-default-shadowed');
    expect(warning).toMatchObject({ file: h.configPath, line: 3 });
  });

  it('C04: a leading byte-order mark is stripped', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const h = await setup({
      credentials: Buffer.concat([bom, Buffer.from(`[default]\n${KEYS}`)]),
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => [p.name, p.credentialKind])).toEqual([
      ['default', 'static-keys'],
    ]);
    expect(catalog.warnings.find((w) => w.code === 'file-bom')?.severity).toBe('info');
    const context = await resolveProfileContext('default', { env: {}, homeDir: h.homeDir });
    await expect(context.credentials()).resolves.toMatchObject({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'EXAMPLEKEY',
    });
  });

  it('C05: Windows line endings leave no carriage return in names or values', async () => {
    const h = await setup({
      credentials:
        '[default]\r\naws_access_key_id = AKIAEXAMPLE\r\naws_secret_access_key = EXAMPLEKEY\r\n',
    });
    const context = await resolveProfileContext('default', { env: {}, homeDir: h.homeDir });
    const credentials = await context.credentials();
    expect(credentials.accessKeyId).toBe('AKIAEXAMPLE');
    expect(credentials.secretAccessKey).toBe('EXAMPLEKEY');
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => p.name)).toEqual(['default']);
  });

  it('C06: indented lines after an empty value are sub-keys', async () => {
    const h = await setup({
      credentials:
        `[minio]\n${KEYS}\ns3 =\n    endpoint_url = http://127.0.0.1:9000\n` +
        '    verify_ssl = false',
    });
    const { set } = await loadProfileFiles({ env: {}, homeDir: h.homeDir });
    const minio = set.profiles.get('minio')!;
    expect([...minio.properties.keys()]).toEqual([
      'aws_access_key_id',
      'aws_secret_access_key',
      's3',
    ]);
    expect(minio.properties.get('s3')?.subProperties).toEqual({
      endpoint_url: 'http://127.0.0.1:9000',
      verify_ssl: 'false',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(codes(catalog)).not.toContain('parse-error');
  });

  it('C06: the same lines without indentation are ordinary keys, with a warning', async () => {
    const h = await setup({
      credentials: `[minio]\n${KEYS}\ns3 =\nendpoint_url = http://127.0.0.1:9000\nverify_ssl = false`,
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    const minio = catalog.profiles[0]!;
    expect(minio.endpointUrl).toBe('http://127.0.0.1:9000');
    expect(minio.settings.find((s) => s.name === 's3')?.value).toBe('');
    const warning = catalog.warnings.find((w) => w.code === 'empty-value-not-nested');
    expect(warning).toMatchObject({ file: h.credentialsPath, line: 4 });
  });

  it('C06: a services section with several services, each indented, warns of nothing', async () => {
    const h = await setup({
      config:
        `[profile two]\n${KEYS}\nservices = local\n[services local]\n` +
        'ec2 =\n  endpoint_url = http://127.0.0.1:4566\n' +
        'sts =\n  endpoint_url = http://127.0.0.1:4567\n' +
        's3 =\n  endpoint_url = http://127.0.0.1:4568\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles[0]?.serviceEndpoints).toEqual({
      ec2: 'http://127.0.0.1:4566',
      sts: 'http://127.0.0.1:4567',
      s3: 'http://127.0.0.1:4568',
    });
    expect(catalog.warnings).toEqual([]);
  });

  it('C07: upper-case key names are read lower-cased, with a warning', async () => {
    const h = await setup({
      credentials: '[default]\nAWS_ACCESS_KEY_ID = AKIAEXAMPLE\nAWS_SECRET_ACCESS_KEY = EXAMPLEKEY',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles[0]?.credentialKind).toBe('static-keys');
    const upper = catalog.warnings.filter((w) => w.code === 'uppercase-key');
    expect(upper.map((w) => [w.file, w.line])).toEqual([
      [h.credentialsPath, 2],
      [h.credentialsPath, 3],
    ]);
    const context = await resolveProfileContext('default', { env: {}, homeDir: h.homeDir });
    await expect(context.credentials()).resolves.toMatchObject({ accessKeyId: 'AKIAEXAMPLE' });
  });

  it('C07: profile names stay case-sensitive', async () => {
    const h = await setup({ credentials: `[Dev]\n${KEYS}` });
    const error = await rejection(resolveProfileContext('dev', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('not-found');
    await expect(
      resolveProfileContext('Dev', { env: {}, homeDir: h.homeDir }),
    ).resolves.toMatchObject({ profile: 'Dev' });
  });

  it('C08: the same bare name in config and credentials does not crash', async () => {
    const h = await setup({ config: '[foo]\nregion = us-west-2', credentials: `[foo]\n${KEYS}` });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles).toHaveLength(1);
    expect(catalog.profiles[0]).toMatchObject({ name: 'foo', credentialKind: 'static-keys' });
    expect(catalog.profiles[0]?.region).toBeUndefined();
    const warning = catalog.warnings.find((w) => w.code === 'config-missing-profile-prefix');
    expect(warning).toMatchObject({ file: h.configPath, line: 1 });
    expect(warning?.message).toContain('[foo] lacks the profile prefix');
  });

  it('C09: region in the credentials file is used, and its source shown', async () => {
    const h = await setup({ credentials: `[default]\n${KEYS}\nregion = ap-southeast-2` });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.files.map((f) => [f.kind, f.exists])).toEqual([
      ['config', false],
      ['credentials', true],
    ]);
    expect(catalog.profiles[0]).toMatchObject({
      region: 'ap-southeast-2',
      regionSource: { file: h.credentialsPath, section: 'default', line: 4 },
    });
    const context = await resolveProfileContext('default', { env: {}, homeDir: h.homeDir });
    expect(context.region).toBe('ap-southeast-2');
  });

  it('C10: dots and other punctuation in profile names are literal', async () => {
    const h = await setup({
      config:
        '[profile acct-dev.AdminAccess]\nsso_session = corp\nsso_account_id = 111122223333\n' +
        'sso_role_name = AdminAccess\n[sso-session corp]\n' +
        'sso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = eu-west-1\n' +
        '[profile a-b_c/d%e@f:g+h]\nregion = eu-west-3',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => p.name)).toEqual([
      'acct-dev.AdminAccess',
      'a-b_c/d%e@f:g+h',
    ]);
    expect(catalog.profiles[0]).toMatchObject({
      credentialKind: 'sso',
      ssoSession: 'corp',
      accountId: '111122223333',
      source: { file: h.configPath, section: 'profile acct-dev.AdminAccess', line: 1 },
    });
  });
});
