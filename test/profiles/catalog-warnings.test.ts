import { chmod } from 'node:fs/promises';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import {
  CredentialOperationRefused,
  credentialStsClient,
} from '../../src/profiles/credential-clients.ts';
import { ProfileResolutionError, resolveProfileContext } from '../../src/profiles/resolve.ts';
import { makeTempHome, type TempHome } from './temp-home.ts';

let home: TempHome | undefined;
afterEach(async () => {
  await home?.cleanup();
  home = undefined;
});

async function setup(files: { config?: string; credentials?: string }) {
  home = await makeTempHome(files);
  return home;
}

async function rejection(promise: Promise<unknown>): Promise<ProfileResolutionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProfileResolutionError) return error;
    throw error;
  }
  throw new Error('expected a ProfileResolutionError');
}

const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = EXAMPLEKEY';

describe('profile catalog warnings', () => {
  it('missing files give an empty catalog, not an error', async () => {
    const h = await setup({});
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles).toEqual([]);
    expect(catalog.warnings).toEqual([]);
    expect(catalog.files).toEqual([
      { kind: 'config', path: h.configPath, exists: false },
      { kind: 'credentials', path: h.credentialsPath, exists: false },
    ]);
  });

  it('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE with ~ are honoured', async () => {
    const h = await setup({});
    await h.writeAt('elsewhere/cfg', '[profile moved]\nregion = eu-north-1\n');
    await h.writeAt('elsewhere/creds', `[moved]\n${KEYS}\n`);
    const env = {
      AWS_CONFIG_FILE: '~/elsewhere/cfg',
      AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds',
    };
    const catalog = await readProfileCatalog({ env, homeDir: h.homeDir });
    expect(catalog.profiles).toMatchObject([
      { name: 'moved', region: 'eu-north-1', credentialKind: 'static-keys' },
    ]);
    expect(catalog.files.map((f) => f.path)).toEqual([
      `${h.homeDir}/elsewhere/cfg`,
      `${h.homeDir}/elsewhere/creds`,
    ]);
  });

  it('one broken line never hides the other profiles', async () => {
    const h = await setup({
      config:
        '[profile a]\nregion = eu-west-1\nthis line is broken\n[profile b\nregion = x\n' +
        '[profile c]\n= nameless\nregion = us-west-1\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => [p.name, p.region])).toEqual([
      ['a', 'eu-west-1'],
      ['c', 'us-west-1'],
    ]);
    const errors = catalog.warnings.filter((w) => w.code === 'parse-error');
    expect(errors.map((w) => [w.file, w.line])).toEqual([
      [h.configPath, 3],
      [h.configPath, 4],
      [h.configPath, 7],
    ]);
    expect(errors[1]?.message).toContain("Profile definition must end with ']'");
  });

  it('a role chain that loops is reported with file and line', async () => {
    const h = await setup({
      config:
        '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = b\n' +
        '[profile b]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = a\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    const loops = catalog.warnings.filter((w) => w.code === 'role-chain-cycle');
    expect(loops.map((w) => [w.profile, w.line])).toEqual([
      ['a', 3],
      ['b', 6],
    ]);
    expect(loops[0]?.message).toContain('a -> b -> a');
    const error = await rejection(resolveProfileContext('a', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('invalid-profile');
    expect(error.message).toContain(`${h.configPath} line 3`);
  });

  it('a source_profile or sso_session that points nowhere is reported', async () => {
    const h = await setup({
      config:
        '[profile app]\nrole_arn = arn:aws:iam::111122223333:role/App\nsource_profile = gone\n' +
        '[profile sso]\nsso_session = nowhere\nsso_account_id = 111122223333\n' +
        'sso_role_name = ReadOnly\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.warnings.find((w) => w.code === 'source-profile-missing')).toMatchObject({
      severity: 'error',
      file: h.configPath,
      line: 3,
      profile: 'app',
    });
    expect(catalog.warnings.find((w) => w.code === 'sso-session-missing')).toMatchObject({
      severity: 'error',
      file: h.configPath,
      line: 5,
      profile: 'sso',
    });
  });

  it('a profile without credentials fails with the configure command', async () => {
    const h = await setup({ config: '[profile bare]\nregion = eu-west-1\n' });
    const error = await rejection(resolveProfileContext('bare', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('no-credentials');
    expect(error.fixCommand).toBe('aws configure --profile bare');
    expect(error.message).toContain('profile bare has no credentials');
  });

  it('no secret value appears in the catalog', async () => {
    const h = await setup({
      config: '[profile p]\nregion = eu-west-1\n',
      credentials:
        '[p]\naws_access_key_id = AKIASECRETID\naws_secret_access_key = TOPSECRETVALUE\n' +
        'aws_session_token = SESSIONTOKENVALUE\n[q]\nAWS_SECRET_ACCESS_KEY = UPPERSECRET\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    const text = JSON.stringify(catalog);
    for (const secret of ['AKIASECRETID', 'TOPSECRETVALUE', 'SESSIONTOKENVALUE', 'UPPERSECRET']) {
      expect(text).not.toContain(secret);
    }
    const p = catalog.profiles.find((profile) => profile.name === 'p');
    expect(p?.settings.find((s) => s.name === 'aws_secret_access_key')).toEqual({
      name: 'aws_secret_access_key',
      secret: true,
      source: { file: h.credentialsPath, section: 'p', line: 3 },
    });
  });

  it('endpointFor prefers the services section, then endpoint_url', async () => {
    const h = await setup({
      config:
        '[profile local]\nendpoint_url = http://127.0.0.1:4000\nservices = local-svc\n' +
        '[services local-svc]\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n',
      credentials: `[local]\n${KEYS}\n`,
    });
    const context = await resolveProfileContext('local', { env: {}, homeDir: h.homeDir });
    expect(context.endpointFor('s3')).toBe('http://127.0.0.1:9000');
    expect(context.endpointFor('ec2')).toBe('http://127.0.0.1:4000');
    expect(context.region).toBe('us-east-1');
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles[0]).toMatchObject({
      endpointUrl: 'http://127.0.0.1:4000',
      serviceEndpoints: { s3: 'http://127.0.0.1:9000' },
    });
  });

  it('credential_process is run and its JSON read', async () => {
    const h = await setup({});
    const script = await h.writeAt(
      'bin/creds.sh',
      '#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "S"}\'\n',
    );
    await chmod(script, 0o755);
    await h.write('config', `[profile proc]\ncredential_process = ${script}\n`);
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles[0]?.credentialKind).toBe('credential-process');
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    await expect(context.credentials()).resolves.toMatchObject({ accessKeyId: 'AKIAPROCESS' });
  });

  it('a failing credential_process names the profile, not its output', async () => {
    const h = await setup({});
    const script = await h.writeAt('bin/fail.sh', '#!/bin/sh\necho AKIALEAKED\nexit 3\n');
    await chmod(script, 0o755);
    await h.write('config', `[profile proc]\ncredential_process = ${script}\n`);
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.reason).toBe('credential-process-failed');
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:2) failed (exit code 3); run the ` +
        'command in a terminal to see why',
    );
  });

  it('credential clients refuse any call outside CREDENTIAL_OPERATIONS', async () => {
    const client = credentialStsClient(
      { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' },
      () => Promise.resolve({ accessKeyId: 'A', secretAccessKey: 'B' }),
    );
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toBeInstanceOf(
      CredentialOperationRefused,
    );
    client.destroy();
  });
});
