import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

const KEY_ID = 'AKIACLITESTKEY000001';
const SECRET = 'cliTestSecret/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

const CONFIG = `[default]
region = eu-west-1

[profile escher-prod]
role_arn = arn:aws:iam::123456789012:role/EscherReadOnly
source_profile = default
region = us-east-1
`;
const CREDENTIALS = `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`;

describe('escher profiles', () => {
  let t: TestHome;
  beforeEach(() => {
    t = testHome();
    t.writeAws({ config: CONFIG, credentials: CREDENTIALS });
  });
  afterEach(() => {
    t.remove();
  });

  it('says where it looked when the files hold no profile', async () => {
    t.writeAws({ config: '', credentials: '' });
    const discover = await t.run(['profiles', 'discover']);
    expect(discover.code).toBe(0);
    expect(discover.stdout).toMatch(
      /^No profile in \/.+\/\.aws\/config or \/.+\/\.aws\/credentials: create one with aws configure --profile NAME, /m,
    );
    expect(discover.stdout).not.toContain('run `escher profiles discover`');
  });

  it('discovers every profile as Discovered and lists them', async () => {
    const discover = await t.run(['profiles', 'discover']);
    expect(discover.code).toBe(0);
    expect(discover.stdout).toContain('Found 2 profiles: 2 new, 0 unchanged, 0 back, 0 missing.');

    const list = await t.run(['profiles', 'list', '--json']);
    const profiles = JSON.parse(list.stdout) as { name: string; lifecycle: string }[];
    expect(profiles.map((p) => [p.name, p.lifecycle])).toEqual([
      ['default', 'Discovered'],
      ['escher-prod', 'Discovered'],
    ]);
  });

  it('says to discover profiles before a scan on a fresh home, then to enable one', async () => {
    const fresh = await t.run(['scan']);
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toBe(
      'escher: no profile is known yet: run `escher profiles discover` to read the AWS config ' +
        'files, then `escher profiles enable NAME`\n',
    );
    await t.run(['profiles', 'discover']);
    const none = await t.run(['scan']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('escher: no profile is enabled: run `escher profiles list`');
  });

  it('shows where a profile comes from, its account and its note', async () => {
    await t.run(['profiles', 'discover']);
    expect((await t.run(['profiles', 'enable', 'escher-prod'])).stdout).toBe(
      'escher-prod: Enabled\n',
    );
    await t.run(['profiles', 'annotate', 'escher-prod', 'prod read-only']);

    const show = await t.run(['profiles', 'show', 'escher-prod']);
    expect(show.stdout).toContain('Account: 123456789012\nState: Enabled\nAccess: UNTESTED\n');
    expect(show.stdout).toContain(`Source: ${t.home}/.aws/config, [profile escher-prod], line 4`);
    expect(show.stdout).toContain('Credentials: assume role');
    expect(show.stdout).toContain('Note: prod read-only');
    const config = `${t.home}/.aws/config`;
    expect(show.stdout).toContain(
      'Settings:\n' +
        `  role_arn = arn:aws:iam::123456789012:role/EscherReadOnly  ${config}:5\n` +
        `  source_profile = default                                  ${config}:6\n` +
        `  region = us-east-1                                        ${config}:7\n`,
    );

    const json = JSON.parse((await t.run(['profiles', 'show', 'escher-prod', '--json'])).stdout);
    expect(json).toMatchObject({ provider: 'AWS', note: 'prod read-only', lifecycle: 'Enabled' });
  });

  it('shows where each key was read, never its value, nor a credential_process’s arguments', async () => {
    t.writeAws({
      config: `${CONFIG}\n[profile tool]\ncredential_process = /opt/get-creds --token tok-123\n`,
      credentials: CREDENTIALS,
    });
    await t.run(['profiles', 'discover']);
    const credentials = `${t.home}/.aws/credentials`;
    for (const args of [['default'], ['default', '--json'], ['tool'], ['tool', '--json']]) {
      const shown = await t.run(['profiles', 'show', ...args]);
      expect(shown.stdout).not.toContain(KEY_ID);
      expect(shown.stdout).not.toContain(SECRET);
      expect(shown.stdout).not.toContain('tok-123');
    }
    const text = (await t.run(['profiles', 'show', 'default'])).stdout;
    expect(text).toContain(`  aws_access_key_id = (set, not shown)      ${credentials}:2\n`);
    const tool = JSON.parse((await t.run(['profiles', 'show', 'tool', '--json'])).stdout) as {
      settings: { name: string; value: string }[];
    };
    expect(tool.settings).toMatchObject([
      { name: 'credential_process', value: '/opt/get-creds …' },
    ]);
  });

  it('shows the endpoints of a services section, and warns of a misspelt service key', async () => {
    t.writeAws({
      config:
        '[profile local]\nregion = us-east-1\nservices = emu\n' +
        '[services emu]\nec2 =\n  endpoint_url = http://127.0.0.1:4566\n' +
        's3control =\n  endpoint_url = http://127.0.0.1:4566\n' +
        '[profile lost]\nservices = nosvc\n',
    });
    const discovered = await t.run(['profiles', 'discover']);
    const config = `${t.home}/.aws/config`;
    expect(discovered.stdout).toContain(
      `${config}:7: warning: services emu: "s3control" is not a service key the SDKs read, so ` +
        "its endpoint_url is ignored and those calls go to the profile's endpoint_url or to " +
        'AWS; write s3_control\n',
    );
    expect(discovered.stdout).toContain(
      `${config}:10: warning: profile lost names services nosvc, but there is no ` +
        "[services nosvc] section: its calls go to the profile's endpoint_url or to AWS; add " +
        'the section or fix the name\n',
    );
    const shown = await t.run(['profiles', 'show', 'local']);
    expect(shown.stdout).toContain('Endpoints by service:\n  ec2 = http://127.0.0.1:4566\n');
    expect(shown.stdout).toContain(
      '  s3control = http://127.0.0.1:4566 (ignored: not a key the SDKs read; write s3_control)\n',
    );
  });

  it('marks a profile whose section is gone Missing, and gives it back its state', async () => {
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'disable', 'escher-prod']);
    t.writeAws({ config: '[default]\nregion = eu-west-1\n' });

    const gone = await t.run(['profiles', 'discover']);
    expect(gone.stdout).toContain('Found 1 profile: 0 new, 1 unchanged, 0 back, 1 missing.');
    expect(gone.stdout).toContain('− escher-prod: Missing');
    const enable = await t.run(['profiles', 'enable', 'escher-prod']);
    expect(enable.code).toBe(1);
    expect(enable.stderr).toContain('profile escher-prod is Missing');
    // Scanning it gives the same advice as enabling it, not "enable it first".
    const scan = await t.run(['scan', 'escher-prod']);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toContain(
      'profile escher-prod is Missing: its section is no longer in the AWS config or ' +
        'credentials files; restore it and run `escher profiles discover`',
    );

    t.writeAws({ config: CONFIG });
    const back = await t.run(['profiles', 'discover', '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ returned: ['escher-prod'] });
    const show = JSON.parse((await t.run(['profiles', 'show', 'escher-prod', '--json'])).stdout);
    expect(show.lifecycle).toBe('Disabled');
  });

  it('disables a Missing profile, which then comes back Disabled and is not scanned', async () => {
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'escher-prod']);
    t.writeAws({ config: '[default]\nregion = eu-west-1\n' });
    await t.run(['profiles', 'discover']);

    const disable = await t.run(['profiles', 'disable', 'escher-prod']);
    expect(disable.code).toBe(0);
    expect(disable.stdout).toBe(
      'escher-prod: Missing; it comes back Disabled when its section is in the files again\n',
    );
    const listed = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout) as {
      name: string;
      lifecycle: string;
      returnsAs?: string;
    }[];
    expect(listed.find((p) => p.name === 'escher-prod')).toMatchObject({
      lifecycle: 'Missing',
      returnsAs: 'Disabled',
    });

    t.writeAws({ config: CONFIG });
    await t.run(['profiles', 'discover']);
    const show = JSON.parse((await t.run(['profiles', 'show', 'escher-prod', '--json'])).stdout);
    expect(show.lifecycle).toBe('Disabled');
    expect(show.returnsAs).toBeUndefined();
  });

  it('keeps the store as it was when a file cannot be read', async () => {
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'escher-prod']);

    const broken = await t.run(['profiles', 'discover'], { AWS_CONFIG_FILE: t.home });
    expect(broken.code).toBe(0);
    expect(broken.stdout).toContain('cannot be read (EISDIR)');
    expect(broken.stdout).toContain('none was marked Missing');

    const list = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout);
    expect(list).toMatchObject([
      { name: 'default', lifecycle: 'Discovered', region: 'eu-west-1' },
      { name: 'escher-prod', lifecycle: 'Enabled' },
    ]);
  });

  it('keeps the store as it was when AWS_CONFIG_FILE names no file or a file of garbage', async () => {
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'escher-prod']);

    const typo = await t.run(['profiles', 'discover'], {
      AWS_CONFIG_FILE: `${t.home}/.aws/confg`,
    });
    expect(typo.code).toBe(0);
    expect(typo.stdout).toContain(`AWS_CONFIG_FILE is set to ${t.home}/.aws/confg`);
    expect(typo.stdout).toContain('none was marked Missing');

    const garbagePath = `${t.home}/garbage`;
    writeFileSync(garbagePath, Array.from({ length: 30 }, (_, i) => `%%noise ${i}`).join('\n'));
    const garbage = await t.run(['profiles', 'discover'], { AWS_CONFIG_FILE: garbagePath });
    expect(garbage.code).toBe(0);
    expect(garbage.stdout).toContain('does not look like an AWS config file');
    expect(garbage.stdout).toContain('none was marked Missing');

    const list = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout);
    expect(list).toMatchObject([
      { name: 'default', lifecycle: 'Discovered', region: 'eu-west-1' },
      { name: 'escher-prod', lifecycle: 'Enabled' },
    ]);
  });

  it('names an unknown profile and how to find profiles, without a stack trace', async () => {
    await t.run(['profiles', 'discover']);
    for (const args of [
      ['profiles', 'show', 'nope'],
      ['profiles', 'enable', 'escher-prod', 'nope'],
      ['profiles', 'diagnostics', 'nope'],
      ['resources', '--profile', 'nope'],
    ]) {
      const result = await t.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('no profile named "nope"');
      expect(result.stderr).toContain('escher profiles discover');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    // enable is all or nothing: the known name was not enabled either.
    const list = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout);
    expect(list[1].lifecycle).toBe('Discovered');
  });

  it('honours --home over ESCHER_HOME over ~/.escher', async () => {
    await t.run(['--home', `${t.home}/a`, 'profiles', 'discover']);
    await t.run(['profiles', 'discover'], { ESCHER_HOME: `${t.home}/b` });
    const a = await t.run(['--home', `${t.home}/a`, 'profiles', 'list', '--json']);
    const b = await t.run(['profiles', 'list', '--json'], { ESCHER_HOME: `${t.home}/b` });
    const dflt = await t.run(['profiles', 'list', '--json']);
    expect(JSON.parse(a.stdout)).toHaveLength(2);
    expect(JSON.parse(b.stdout)).toHaveLength(2);
    expect(JSON.parse(dflt.stdout)).toEqual([]);
  });

  it('never writes a key or secret into the Escher home', async () => {
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'default', 'escher-prod']);
    const bytes = t.escherBytes();
    expect(bytes.includes(KEY_ID)).toBe(false);
    expect(bytes.includes(SECRET)).toBe(false);
  });
});
