import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

// Nothing listens on port 1: if anything reached "AWS" the test would see a network error.
const CONFIG =
  '[profile broken]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:1\n' +
  "credential_process = sh -c 'exit 3'\n";

describe('a profile whose credential_process fails', () => {
  let t: TestHome;
  let why: string;

  beforeAll(async () => {
    t = testHome();
    t.writeAws({ config: CONFIG });
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', 'broken']);
    why =
      `credential_process of profile broken (${t.home}/.aws/config:4) failed (exit code 3); ` +
      'run the command in a terminal to see why';
  });
  afterAll(() => {
    t.remove();
  });

  it('escher scan says the local failure, not an answer from AWS', async () => {
    const result = await t.run(['scan']);
    expect(result.stdout).toContain(`broken: nothing could be read: ${why}\n`);
    expect(result.stdout + result.stderr).not.toContain('AWS answered');
    expect(result.stdout + result.stderr).not.toContain('ProfileResolutionError');
    expect(result.code).toBe(1);
  });

  it('profiles diagnostics and profiles list --json show the same message', async () => {
    const diagnostics = await t.run(['profiles', 'diagnostics', 'broken']);
    expect(diagnostics.stdout).toContain(`Access status: ERROR: ${why}\n`);
    expect(diagnostics.stdout).toContain(`Sign-in failed, nothing was read: ${why}`);
    expect(diagnostics.stdout).not.toContain('AWS answered');

    const list = await t.run(['profiles', 'list', '--json']);
    const profiles = JSON.parse(list.stdout) as { name: string; accessDetail?: string }[];
    expect(profiles.find((profile) => profile.name === 'broken')?.accessDetail).toBe(why);
  });
});
