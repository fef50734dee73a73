import { describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { testHome } from '../cli/helpers.ts';
import { KEYS, rejection, useTempHomes } from './case-helpers.ts';

const setup = useTempHomes();
const ESC = '\u001b';
const BEL = '\u0007';

describe('control characters and malformed region or endpoint values', () => {
  it('ESC and BEL in values are warned about at file:line and never printed raw', async () => {
    const t = testHome();
    try {
      t.writeAws({
        config:
          `[profile evil]\nregion = eu-west-1${ESC}[2J\nendpoint_url = http://localhost${BEL}\n` +
          `[profile 'bad${ESC}name']\nregion = eu-west-1\n`,
        credentials: `[evil]\n${KEYS}\n`,
      });
      const discover = await t.run(['profiles', 'discover']);
      expect(discover.code).toBe(0);
      const config = `${t.home}/.aws/config`;
      expect(discover.stdout).toContain(
        `  ${config}:2: error: region of profile evil holds the control character U+001B, so ` +
          'it is not used; retype the value (a pasted value can carry invisible characters)',
      );
      expect(discover.stdout).toContain(
        `  ${config}:3: error: endpoint_url of profile evil holds the control character U+0007`,
      );
      expect(discover.stdout).toContain(
        `  ${config}:4: error: section [profile 'bad\\x1bname'] is ignored: its name holds a ` +
          'control character; retype it',
      );
      const printed = discover.stdout + discover.stderr;
      expect(printed.includes(ESC) || printed.includes(BEL)).toBe(false);
      const list = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout) as {
        name: string;
        region?: string;
      }[];
      expect(list.map((p) => [p.name, p.region ?? null])).toEqual([['evil', null]]);
    } finally {
      t.remove();
    }
  });

  it('a region that is not a region name is warned about and not used', async () => {
    const h = await setup({
      config:
        '[profile typo]\nregion = eu west 1\n[profile gov]\nregion = us-gov-west-1\n' +
        '[profile iso]\nregion = us-isob-east-1\n[profile cn]\nregion = cn-north-1\n',
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => [p.name, p.region ?? null])).toEqual([
      ['typo', null],
      ['gov', 'us-gov-west-1'],
      ['iso', 'us-isob-east-1'],
      ['cn', 'cn-north-1'],
    ]);
    expect(catalog.warnings.filter((w) => w.code === 'invalid-region')).toEqual([
      {
        severity: 'error',
        code: 'invalid-region',
        message:
          'region of profile typo is "eu west 1", which is not an AWS region name such as ' +
          'eu-west-1, so it is not used; fix the spelling',
        file: h.configPath,
        line: 2,
        profile: 'typo',
      },
    ]);
  });

  it('a bad endpoint_url is an invalid-profile error naming file:line, not a later TypeError', async () => {
    const h = await setup({
      config:
        '[profile local]\nregion = eu-west-1\nendpoint_url = localhost:4566\n' +
        '[profile svc]\nservices = mine\n[services mine]\ns3 =\n  endpoint_url = ftp://x\n',
      credentials: `[local]\n${KEYS}\n[svc]\n${KEYS}\n`,
    });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.find((p) => p.name === 'local')?.endpointUrl).toBeUndefined();
    expect(catalog.profiles.find((p) => p.name === 'svc')?.serviceEndpoints).toEqual({});
    expect(
      catalog.warnings.filter((w) => w.code === 'invalid-endpoint-url').map((w) => w.line),
    ).toEqual([3, 7]);

    const error = await rejection(resolveProfileContext('local', { env: {}, homeDir: h.homeDir }));
    expect(error.reason).toBe('invalid-profile');
    expect(error.message).toBe(
      'endpoint_url of profile local is "localhost:4566", which is not an http:// or https:// ' +
        `URL, so it is not used; write it as e.g. http://localhost:4566 (${h.configPath}:3)`,
    );
    const svc = await rejection(resolveProfileContext('svc', { env: {}, homeDir: h.homeDir }));
    expect(svc.reason).toBe('invalid-profile');
    expect(svc.message).toContain(`services mine (s3) is "ftp://x"`);
    expect(svc.message).toContain(`(${h.configPath}:7)`);
  });
});
