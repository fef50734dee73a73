import { describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { testHome } from '../cli/helpers.ts';
import { rejection, useTempHomes } from './case-helpers.ts';

const setup = useTempHomes();

async function warningsOf(config: string) {
  const h = await setup({ config });
  const catalog = await readProfileCatalog({ env: {}, homeDir: h.homeDir });
  return { h, catalog, messages: catalog.warnings.map((w) => [w.line, w.message]) };
}

describe('messages that say what is really wrong', () => {
  it('a ; in a section header is named as the comment that cut it', async () => {
    const t = testHome();
    try {
      t.writeAws({
        config: '[profile ok]\nregion = eu-west-1\n[profile evil;rm -rf]\nregion = x\n',
      });
      const discover = await t.run(['profiles', 'discover']);
      expect(discover.code).toBe(0);
      expect(discover.stdout).toContain(
        `  ${t.home}/.aws/config:3: error: Profile definition must end with ']': \`;\` starts a ` +
          'comment in a section header, so the header is cut at `;` (column 14); remove the `;` ' +
          'from the name (line skipped)',
      );
      expect(discover.stderr).not.toMatch(/\n\s+at /);
    } finally {
      t.remove();
    }
  });

  it('a header with no ] at all asks for one', async () => {
    const { messages } = await warningsOf('[profile foo\n');
    expect(messages).toEqual([
      [1, "Profile definition must end with ']'; add the closing ']' (line skipped)"],
    ]);
  });

  it('[profile ] says the name is empty instead of suggesting [profile profile]', async () => {
    const { catalog, messages } = await warningsOf('[profile ]\nregion = eu-west-1\n');
    expect(catalog.profiles).toEqual([]);
    expect(messages).toEqual([
      [
        1,
        'section [profile] is ignored: the profile name is empty; write it after the word, e.g. [profile dev]',
      ],
    ]);
    expect(JSON.stringify(messages)).not.toContain('did you mean');
  });

  it('an indented key with no key above it says how to fix it', async () => {
    for (const indent of ['\t', '  ']) {
      const { messages } = await warningsOf(`[profile p]\n${indent}region = eu-west-1\n`);
      expect(messages[0]).toEqual([
        2,
        'Expected a property definition, found continuation: the line is indented but no key ' +
          'comes before it; remove the indentation, or put it under a key with an empty value ' +
          'such as `s3 =` (line skipped)',
      ]);
    }
  });

  it('a role chain loop says which source_profile to change', async () => {
    const { h, catalog } = await warningsOf(
      '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = b\n' +
        '[profile b]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = a\n',
    );
    expect(catalog.warnings.find((w) => w.code === 'role-chain-cycle')?.message).toBe(
      'role chain loops: a -> b -> a; point source_profile of a at a profile with credentials ' +
        '(keys, SSO or credential_process)',
    );
    const error = await rejection(resolveProfileContext('a', { env: {}, homeDir: h.homeDir }));
    expect(error.message).toContain(`point source_profile of a at a profile with credentials`);
    expect(error.message).toContain(`(${h.configPath} line 3)`);
  });
});
