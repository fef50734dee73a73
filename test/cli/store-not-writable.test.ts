import { execFile } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHome, type RunResult, type TestHome } from './helpers.ts';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;
const NOBODY = 65_534;
const runsAsRoot = process.getuid?.() === 0;

/**
 * Runs Escher as a user who does not own the store. Root may write any file, so as root the
 * run switches to the unprivileged `nobody` with setpriv; any other user is already refused
 * by the file's mode bits.
 */
function runAsOtherUser(t: TestHome, args: readonly string[]): Promise<RunResult> {
  const env = { PATH: process.env.PATH, HOME: t.home, NO_COLOR: '1' };
  const [command, commandArgs] = runsAsRoot
    ? [
        'setpriv',
        [
          `--reuid=${NOBODY}`,
          `--regid=${NOBODY}`,
          '--clear-groups',
          process.execPath,
          BIN,
          ...args,
        ],
      ]
    : [process.execPath, [BIN, ...args]];
  return new Promise((resolve) => {
    execFile(command, commandArgs, { env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

describe('an Escher store this user may not write', () => {
  let t: TestHome;
  let store: string;

  beforeEach(async () => {
    t = testHome();
    t.writeAws({ config: '[profile alpha]\nregion = eu-west-1\n' });
    await t.run(['profiles', 'discover']);
    store = join(t.escherHome, 'escher.db');
    // Readable by everyone, writable by its owner only: another user's store.
    for (const folder of [t.home, join(t.home, '.aws'), t.escherHome]) chmodSync(folder, 0o755);
    chmodSync(join(t.home, '.aws', 'config'), 0o644);
    chmodSync(store, runsAsRoot ? 0o644 : 0o444);
  });
  afterEach(() => {
    t.remove();
  });

  it('is called not writable, with the owner and the fix, never damaged', async () => {
    const before = readFileSync(store);
    for (const args of [
      ['profiles', 'list'],
      ['overview'],
      ['profiles', 'annotate', 'alpha', 'x'],
    ]) {
      const result = await runAsOtherUser(t, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(
        `escher: the Escher store ${store} cannot be opened: ${store} is not writable by this user`,
      );
      expect(result.stderr).toContain(`or choose another home with --home`);
      expect(result.stderr).not.toContain('damaged');
      expect(result.stderr).not.toContain('mv ');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('is refused too when only its folder is not writable, naming the folder', async () => {
    if (!runsAsRoot) chmodSync(t.escherHome, 0o555);
    chmodSync(store, 0o666);
    const result = await runAsOtherUser(t, ['profiles', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${t.escherHome} is not writable by this user`);
    chmodSync(t.escherHome, 0o755);
    const owner = await t.run(['profiles', 'list']);
    expect(owner.code).toBe(0);
    expect(owner.stdout).toContain('alpha');
  });
});
