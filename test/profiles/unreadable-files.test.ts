import { execFile, execFileSync } from 'node:child_process';
import { chmod, chown, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readProfileCatalog } from '../../src/profiles/catalog.ts';
import { runEscher, testHome, type RunResult, type TestHome } from '../cli/helpers.ts';

const CONFIG = '[profile a]\nregion = eu-west-1\n';
const CREDENTIALS = '[a]\naws_access_key_id = AKIAUNREADABLE01\naws_secret_access_key = S\n';
const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;
const NOBODY = 65534;

/** `escher` as another user, so that permissions apply even when the tests run as root. */
function runAsNobody(args: string[], home: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' }, uid: NOBODY, gid: NOBODY },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

describe('config and credentials files that are there but cannot be read', () => {
  let t: TestHome;
  beforeEach(() => {
    t = testHome();
    t.writeAws({ config: CONFIG, credentials: CREDENTIALS });
  });
  afterEach(() => {
    t.remove();
  });
  const configPath = (): string => join(t.home, '.aws', 'config');

  it('a broken symbolic link names its target, and known profiles are kept', async () => {
    expect((await t.run(['profiles', 'discover'])).code).toBe(0);
    await rm(configPath());
    const target = join(t.home, 'dotfiles', 'aws-config');
    await symlink(target, configPath());
    await rm(join(t.home, '.aws', 'credentials'));

    const discover = await t.run(['profiles', 'discover']);
    expect(discover.code).toBe(0);
    expect(discover.stdout).toContain('0 missing');
    expect(discover.stdout).toContain(
      `  ${configPath()}: error: ${configPath()} is a broken symbolic link: it points to ` +
        `${target}, which does not exist; its profiles are skipped. Restore ${target} or ` +
        'point the link at the right file',
    );
    expect(discover.stdout).not.toContain(`${configPath()}:0`);
    const list = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout) as {
      name: string;
      lifecycle: string;
    }[];
    expect(list.map((p) => [p.name, p.lifecycle])).toEqual([['a', 'Discovered']]);
  });

  it('a file the user may not read gets a chmod/chown hint, and known profiles are kept', async () => {
    const asRoot = process.getuid?.() === 0;
    const run = (args: string[]): Promise<RunResult> =>
      asRoot ? runAsNobody(args, t.home) : t.run(args);
    if (asRoot) {
      // Everything belongs to the test user except the config file, which stays root's.
      for (const path of [t.home, join(t.home, '.aws'), join(t.home, '.aws', 'credentials')]) {
        await chown(path, NOBODY, NOBODY);
      }
    }
    expect((await run(['profiles', 'discover'])).code).toBe(0);
    await chmod(configPath(), 0o600);
    if (!asRoot) await chmod(configPath(), 0o000);
    await rm(join(t.home, '.aws', 'credentials'));

    const discover = await run(['profiles', 'discover']);
    expect(discover.stderr).not.toMatch(/\n\s+at /);
    expect(discover.code).toBe(0);
    expect(discover.stdout).toContain('0 missing');
    expect(discover.stdout).toContain(
      `  ${configPath()}: error: ${configPath()} cannot be read: permission denied; its ` +
        `profiles are skipped. Run \`chmod u+r ${configPath()}\`, or ` +
        `\`sudo chown "$(id -un)" ${configPath()}\` if another user owns it`,
    );
  });

  it.each([
    [
      'with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CONFIG, 'utf16le')]),
    ],
    ['without one', Buffer.from(CONFIG, 'utf16le')],
  ])(
    'a file saved as UTF-16 %s is named, with how to save it, and known profiles are kept',
    async (_, bytes) => {
      expect((await t.run(['profiles', 'discover'])).code).toBe(0);
      await rm(join(t.home, '.aws', 'credentials'));
      await writeFile(configPath(), bytes);

      const discover = await t.run(['profiles', 'discover']);
      expect(discover.code).toBe(0);
      expect(discover.stdout).toContain('0 missing');
      expect(discover.stdout).toContain(
        `  ${configPath()}: error: ${configPath()} is saved as UTF-16, which the AWS CLI and SDKs ` +
          'cannot read; its profiles are skipped. Save it as UTF-8 (in Notepad: Save As, ' +
          'Encoding UTF-8)',
      );
      expect(discover.stdout).not.toContain('Expected a profile definition');
    },
  );

  it('AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE naming no file is a warning', async () => {
    const missing = join(t.home, 'typo', 'config');
    const catalog = await readProfileCatalog({
      env: { AWS_CONFIG_FILE: missing },
      homeDir: t.home,
    });
    expect(catalog.warnings).toContainEqual({
      severity: 'warning',
      code: 'file-not-found',
      message:
        `AWS_CONFIG_FILE is set to ${missing}, which does not exist, so no profiles are read ` +
        'from it; fix AWS_CONFIG_FILE or unset it to use the default file',
      file: missing,
      line: 0,
    });
    const discover = await runEscher(['profiles', 'discover'], {
      HOME: t.home,
      ESCHER_HOME: t.escherHome,
      AWS_SHARED_CREDENTIALS_FILE: '~/creds-typo',
    });
    expect(discover.code).toBe(0);
    expect(discover.stdout).toContain(
      `  ${t.home}/creds-typo: warning: AWS_SHARED_CREDENTIALS_FILE is set to ` +
        `${t.home}/creds-typo, which does not exist`,
    );
  });

  it('a missing default file is still silent', async () => {
    await rm(configPath());
    const catalog = await readProfileCatalog({ env: {}, homeDir: t.home });
    expect(catalog.warnings).toEqual([]);
    expect(catalog.profiles.map((p) => p.name)).toEqual(['a']);
  });
});

describe('a file variable pointing at something that is no file', () => {
  it.each([
    ['a FIFO nobody writes to', 'fifo'],
    ['a device that never ends', '/dev/zero'],
  ])('%s is named and skipped instead of hanging discover', async (_what, target) => {
    const t = testHome();
    try {
      t.writeAws({ config: CONFIG });
      let path = target;
      if (target === 'fifo') {
        path = join(t.home, 'creds.fifo');
        execFileSync('mkfifo', [path]);
      }
      const result = await t.run(['profiles', 'discover'], { AWS_SHARED_CREDENTIALS_FILE: path });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `${path}: error: ${path} is not a regular file (a pipe, a socket or a device); its ` +
          'profiles are skipped. Point AWS_SHARED_CREDENTIALS_FILE at the file',
      );
      expect(result.stdout).toContain('+ a: Discovered');
    } finally {
      t.remove();
    }
  });
});
