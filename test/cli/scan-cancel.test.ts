import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMoto } from '../helpers/moto.ts';
import { testHome, type TestHome } from './helpers.ts';
import { KEPT_AFTER_REFRESH } from '../../src/cli/commands/scan.ts';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;
// moto accepts any keys when IAM is not enforced; these are made up for the test.
const KEYS =
  'aws_access_key_id = AKIACANCELTESTKEY001\naws_secret_access_key = cancelTestSecret/ccc\n';
const PROFILES = ['one', 'two', 'three'];
const CANCEL_LINE = 'escher: the refresh was cancelled; the previous EstateView stays current\n';

interface OverviewJson {
  readonly version?: { readonly id: number };
}

interface ScanRun {
  readonly code: number;
  /** True when the default action of SIGINT ended the process: Escher had no handler yet. */
  readonly killedBeforeHandling: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/**
 * Starts `escher scan`, sends SIGINT after `delayMs` milliseconds, or as soon as the scan
 * prints its first output ('first-output'), or never (undefined), and collects what the user
 * sees.
 */
function scanAndInterrupt(t: TestHome, delayMs?: number | 'first-output'): Promise<ScanRun> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')),
    );
    const child = spawn(process.execPath, [BIN, 'scan'], {
      env: { ...env, HOME: t.home, ESCHER_HOME: t.escherHome, NO_COLOR: '1' },
    });
    const started = Date.now();
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Whether the signal found the scan still running shows in the exit, not here: a child
    // that has just exited may not have been reaped yet, and then the signal does nothing.
    const interrupt = (): void => void child.kill('SIGINT');
    if (delayMs === 'first-output') child.stdout.once('data', interrupt);
    const timer = typeof delayMs === 'number' ? setTimeout(interrupt, delayMs) : undefined;
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // What a shell shows as `$?`: a process killed by SIGINT (before Escher had started and
      // set its own handler) is 128 + 2, as a cancelled scan's own exit is.
      const exitCode = code ?? (signal === 'SIGINT' ? 130 : -1);
      const killedBeforeHandling = code === null && signal === 'SIGINT';
      resolve({
        code: exitCode,
        killedBeforeHandling,
        stdout,
        stderr,
        elapsedMs: Date.now() - started,
      });
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
  let wholeOutputLines = 0;
  let interruptedRuns = 0;
  let handledRuns = 0;
  let cancelledRuns = 0;
  it('runs a whole scan uninterrupted first', async () => {
    // The first scan also waits for IAM to generate its credential report; later ones, like
    // those below, read the report already there, so the second is the one to measure.
    for (let run = 1; run <= 2; run += 1) {
      const result = await scanAndInterrupt(t);
      expect(result.code).toBe(0);
      wholeScanMs = result.elapsedMs;
      wholeOutputLines = result.stdout.split('\n').length;
    }
    expect(wholeOutputLines).toBeGreaterThan(PROFILES.length * 13);
  }, 180_000);

  /** A run the signal did not reach (it had ended, or was ending): all of its output is there. */
  function expectWhole(result: ScanRun): void {
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').length).toBe(wholeOutputLines);
  }

  for (const fraction of [0.1, 0.3, 0.5, 0.65, 0.8, 0.9]) {
    it(`says in one line what was kept and exits 130 when interrupted at ${fraction * 100}% of a scan`, async () => {
      expect(wholeScanMs).toBeGreaterThan(0);
      const result = await scanAndInterrupt(t, Math.round(wholeScanMs * fraction));
      expect(result.stderr).not.toContain('    at ');
      expect(result.stderr).not.toContain('Node.js v');
      // A run faster than the measured one may end before the signal: it must then be whole.
      if (result.code === 0) {
        expectWhole(result);
        return;
      }
      interruptedRuns += 1;
      expect(result.code).toBe(130);
      // On a loaded machine Node may still be loading Escher: the signal's default action then
      // ends it before anything is stored, with nothing to say.
      if (result.killedBeforeHandling) {
        expect(result.stderr).toBe('');
        return;
      }
      handledRuns += 1;
      // Before the commit the refresh is cancelled; after it, only the printing is cut short.
      expect([CANCEL_LINE, `escher: stopped while printing; ${KEPT_AFTER_REFRESH}\n`]).toContain(
        result.stderr,
      );
      if (result.stderr === CANCEL_LINE) cancelledRuns += 1;
    });
  }

  it('really interrupted most of those scans, and cancelled some mid-refresh', () => {
    expect(interruptedRuns).toBeGreaterThanOrEqual(4);
    expect(handledRuns).toBeGreaterThanOrEqual(3);
    expect(cancelledRuns).toBeGreaterThanOrEqual(1);
  });

  // Escher prints only after the new EstateView is committed. A signal then must neither lose
  // it nor cut the output short in silence (Node's default for SIGINT once the scan's own
  // handler is gone): the run ends whole, or says in one line that the new view is saved.
  it('keeps the new EstateView when Ctrl-C comes as the finished scan prints', async () => {
    const before = await t.run(['overview', '--json']);
    const versionBefore = (JSON.parse(before.stdout) as OverviewJson).version?.id ?? 0;
    const result = await scanAndInterrupt(t, 'first-output');
    const after = await t.run(['overview', '--json']);
    const versionAfter = (JSON.parse(after.stdout) as OverviewJson).version?.id ?? 0;
    expect(versionAfter).toBe(versionBefore + 1);
    expect(result.killedBeforeHandling).toBe(false);
    if (result.code === 0) expectWhole(result);
    else {
      expect(result.stderr).toBe(`escher: stopped while printing; ${KEPT_AFTER_REFRESH}\n`);
      expect(result.code).toBe(130);
    }
  });

  it('leaves no profile Active behind', async () => {
    const result = await t.run(['profiles', 'list']);
    expect(result.stdout).not.toContain('Active');
    expect(result.code).toBe(0);
  });
});
