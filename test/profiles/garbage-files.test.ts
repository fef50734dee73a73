import { describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import { testHome } from '../cli/helpers.ts';
import { useTempHomes } from './case-helpers.ts';

const setup = useTempHomes();
const GOOD = '[profile ok]\nregion = eu-west-1\n';

/** Reproducible "random" bytes (a linear congruential generator), so failures can be replayed. */
function noise(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state >> 16;
  }
  return bytes;
}

describe('a config file full of garbage', () => {
  it('random bytes give ten line errors and one summary, and the profile before stays', async () => {
    const h = await setup({ config: Buffer.concat([Buffer.from(GOOD), noise(300_000)]) });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.profiles.map((p) => [p.name, p.region])).toEqual([['ok', 'eu-west-1']]);
    const summary = catalog.warnings.filter((w) => w.code === 'not-a-profile-file');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ file: h.configPath, line: 0, severity: 'error' });
    expect(summary[0]?.message).toMatch(
      new RegExp(
        `^${h.configPath} does not look like an AWS config file: \\d+ lines could not be read ` +
          '\\(the first 10 are listed\\)',
      ),
    );
    expect(catalog.warnings.filter((w) => w.code === 'parse-error')).toHaveLength(10);
    expect(catalog.warnings.length).toBeLessThan(15);
  });

  it('a 5 MB base64 blob is summed up in one warning, printed once by discover', async () => {
    const blob = noise(3_750_000)
      .toString('base64')
      .replace(/(.{76})/g, '$1\n');
    const lines = blob.split('\n').length;
    const t = testHome();
    try {
      t.writeAws({ config: GOOD + blob, credentials: '[ok]\naws_access_key_id = A\n' });
      const discover = await t.run(['profiles', 'discover']);
      expect(discover.code).toBe(0);
      expect(discover.stdout).toContain('Found 1 profile: 1 new');
      const config = `${t.home}/.aws/config`;
      expect(discover.stdout).toContain(
        `  ${config}: error: ${config} does not look like an AWS config file: ${lines} lines ` +
          'could not be read (the first 10 are listed)',
      );
      expect(discover.stdout.split('\n').filter((l) => l.includes('(line skipped)'))).toHaveLength(
        10,
      );
      expect(discover.stdout.split('\n').length).toBeLessThan(30);
    } finally {
      t.remove();
    }
  });

  it('ten bad lines are still listed one by one, without a summary', async () => {
    const h = await setup({ config: GOOD + 'not a key\n'.repeat(10) });
    const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
    expect(catalog.warnings.filter((w) => w.code === 'parse-error')).toHaveLength(10);
    expect(catalog.warnings.some((w) => w.code === 'not-a-profile-file')).toBe(false);
  });
});
