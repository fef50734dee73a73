import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** A throw-away user home with `.aws/config` and `.aws/credentials`, and its Escher home. */
export interface TestHome {
  readonly home: string;
  readonly escherHome: string;
  writeAws(files: { config?: string; credentials?: string }): void;
  run(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Every byte Escher wrote into its home, for secret checks. */
  escherBytes(): Buffer;
  remove(): void;
}

export function testHome(): TestHome {
  const home = mkdtempSync(join(tmpdir(), 'escher-cli-'));
  mkdirSync(join(home, '.aws'));
  const escherHome = join(home, '.escher');
  return {
    home,
    escherHome,
    writeAws(files) {
      if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config);
      if (files.credentials !== undefined) {
        writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
      }
    },
    run: (args, env = {}) => runEscher(args, { HOME: home, ...env }),
    escherBytes() {
      const files = readdirSync(escherHome).map((file) => readFileSync(join(escherHome, file)));
      return Buffer.concat(files);
    },
    remove: () => {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Runs the real `bin/escher.js` on the Node that runs the tests (24), with a clean AWS env. */
export function runEscher(args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('AWS_') && key !== 'ESCHER_HOME' && key !== 'HOME',
    ),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...clean, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}
