import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMoto } from '../helpers/moto.ts';
import { testHome, type TestHome } from './helpers.ts';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;
// moto accepts any keys when IAM is not enforced; these are made up for the test.
const KEYS =
  'aws_access_key_id = AKIACANCELTESTKEY001\naws_secret_access_key = cancelTestSecret/ccc\n';
const PROFILES = ['one', 'two', 'three'];

interface ScanRun {
  readonly code: number;
  readonly stderr: string;
  /** Whether the scan was still running when the signal was sent. */
  readonly interrupted: boolean;
  readonly elapsedMs: number;
}

/**
 * Starts `escher scan`, sends SIGINT after `delayMs` (never when undefined), and collects what
 * the user sees.
 */
function scanAndInterrupt(t: TestHome, delayMs?: number): Promise<ScanRun> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')),
    );
    const child = spawn(process.execPath, [BIN, 'scan'], {
      env: { ...env, HOME: t.home, ESCHER_HOME: t.escherHome, NO_COLOR: '1' },
    });
    const started = Date.now();
    let stderr = '';
    let exited = false;
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    child.on('exit', () => (exited = true));
    const timer =
      delayMs === undefined
        ? undefined
        : setTimeout(() => {
            interrupted = !exited;
            child.kill('SIGINT');
          }, delayMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // What a shell shows as `$?`: a process killed by SIGINT (before Escher had started and
      // set its own handler) is 128 + 2, as a cancelled scan's own exit is.
      const exitCode = code ?? (signal === 'SIGINT' ? 130 : -1);
      resolve({ code: exitCode, stderr, interrupted, elapsedMs: Date.now() - started });
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

  // How long a whole scan takes on this machine, so that the interrupts below land early
  // (signing in), mid-scan and late (IAM's credential report is being waited for while the
  // roles are listed: a cancel there once left a rejection unhandled and Node printed it),
  // however fast or loaded the machine is.
  let wholeScanMs = 0;
  let interruptedRuns = 0;
  it('runs a whole scan uninterrupted first', async () => {
    // The first scan also waits for IAM to generate its credential report; later ones, like
    // those below, read the report already there, so the second is the one to measure.
    for (let run = 1; run <= 2; run += 1) {
      const result = await scanAndInterrupt(t);
      expect(result.code).toBe(0);
      wholeScanMs = result.elapsedMs;
    }
  });

  for (const fraction of [0.1, 0.3, 0.5, 0.65, 0.8, 0.9]) {
    it(`prints the one cancel line and exits 130 when interrupted at ${fraction * 100}% of a scan`, async () => {
      expect(wholeScanMs).toBeGreaterThan(0);
      const result = await scanAndInterrupt(t, Math.round(wholeScanMs * fraction));
      interruptedRuns += result.interrupted ? 1 : 0;
      expect(result.stderr).not.toContain('    at ');
      expect(result.stderr).not.toContain('Node.js v');
      // A run faster than the measured one may end before the signal: it must then be whole.
      if (!result.interrupted) {
        expect(result.code).toBe(0);
        return;
      }
      const cancelLine =
        'escher: the refresh was cancelled; the previous EstateView stays current\n';
      // Early on a loaded machine Node may still be starting: then the signal ends it silently.
      if (fraction < 0.2 && result.stderr === '') expect(result.code).toBe(130);
      else expect(result.stderr).toBe(cancelLine);
      expect(result.code).toBe(130);
    });
  }

  it('really interrupted most of those scans', () => {
    expect(interruptedRuns).toBeGreaterThanOrEqual(4);
  });

  it('leaves no profile Active behind', async () => {
    const result = await t.run(['profiles', 'list']);
    expect(result.stdout).not.toContain('Active');
    expect(result.code).toBe(0);
  });
});
