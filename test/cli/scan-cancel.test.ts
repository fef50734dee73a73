import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMoto } from '../helpers/moto.ts';
import { testHome, type TestHome } from './helpers.ts';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;
// moto accepts any keys when IAM is not enforced; these are made up for the test.
const KEYS =
  'aws_access_key_id = AKIACANCELTESTKEY001\naws_secret_access_key = cancelTestSecret/ccc\n';
const PROFILES = ['one', 'two', 'three'];

/** Starts `escher scan`, sends SIGINT after `delayMs`, and collects what the user sees. */
function scanAndInterrupt(t: TestHome, delayMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')),
    );
    const child = spawn(process.execPath, [BIN, 'scan'], {
      env: { ...env, HOME: t.home, ESCHER_HOME: t.escherHome, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGINT'), delayMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // What a shell shows as `$?`: a process killed by SIGINT (before Escher had started and
      // set its own handler) is 128 + 2, as a cancelled scan's own exit is.
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : -1), stderr });
    });
  });
}

describe('Ctrl-C during escher scan', () => {
  const moto = useMoto();
  let t: TestHome;

  beforeAll(async () => {
    t = testHome();
    t.writeAws({
      config: PROFILES.map(
        (name) => `[profile ${name}]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n`,
      ).join('\n'),
      credentials: PROFILES.map((name) => `[${name}]\n${KEYS}`).join('\n'),
    });
    await t.run(['profiles', 'discover']);
    await t.run(['profiles', 'enable', ...PROFILES]);
  });
  afterAll(() => {
    t.remove();
  });

  // Early (signing in), mid-scan, and late (IAM's credential report is being waited for while
  // the roles are listed: a cancel there once left a rejection unhandled and Node printed it).
  for (const delayMs of [300, 1000, 2000, 2500, 3000, 3500]) {
    it(`prints the one cancel line and exits 130 when interrupted after ${delayMs} ms`, async () => {
      const result = await scanAndInterrupt(t, delayMs);
      expect(result.stderr).not.toContain('    at ');
      expect(result.stderr).not.toContain('Node.js v');
      const cancelLine =
        'escher: the refresh was cancelled; the previous EstateView stays current\n';
      // At 300 ms a loaded machine may still be starting Node: then the signal ends it silently.
      if (delayMs < 1000 && result.stderr === '') expect(result.code).toBe(130);
      else expect(result.stderr).toBe(cancelLine);
      expect(result.code).toBe(130);
    });
  }

  it('leaves no profile Active behind', async () => {
    const result = await t.run(['profiles', 'list']);
    expect(result.stdout).not.toContain('Active');
    expect(result.code).toBe(0);
  });
});
