import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const SEED_STEP_4 = [
  'Profile: escher-prod',
  'Provider: AWS',
  'Account: 123456789012',
  'Status: ✓ Connected',
  'Permissions: Sufficient for estate scan',
].join('\n');
const SEED_STEP_5 = [
  'escher-prod (AWS 123456789012)',
  'EC2 Instances: OK (48 resources)',
  'S3 Buckets: OK (22 resources)',
  'IAM: OK (142 users, 38 roles)',
  'RDS: OK (6 instances)',
  'Lambda: OK (31 functions)',
  'Cost Explorer: OK (billing data available)',
  'CloudTrail: OK (3 trails found)',
].join('\n');

interface DemoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** moto_server processes the demo started, seen while it ran. */
  readonly motoPids: readonly number[];
  readonly endpoint?: string;
}

/** A home with the user's own AWS files and Escher home, which the demo must not touch. */
function sentinelHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'escher-demo-home-'));
  mkdirSync(join(home, '.aws'));
  mkdirSync(join(home, '.escher'));
  writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = eu-west-3\n');
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[default]\naws_access_key_id = AKIASENTINEL0000000\naws_secret_access_key = sentinel\n',
  );
  writeFileSync(join(home, '.escher', 'escher.db'), 'sentinel store, not a database\n');
  return home;
}

/** Every file under `dir` with the hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[full] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

/** Pids of every process below `pid`, found through `ps`. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = table
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? '' }));
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const row of rows.filter((r) => r.ppid === parent)) {
      if (row.args.includes('moto_server')) found.push(row.pid);
      visit(row.pid);
    }
  };
  visit(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface RunOptions {
  readonly args?: readonly string[];
  /** Sends SIGINT (Ctrl-C), or `interruptWith`, once stderr matches. */
  readonly interruptOn?: RegExp;
  readonly interruptWith?: NodeJS.Signals;
  /** Called once stdout matches; SIGINT is sent when the promise it returns settles. */
  readonly onStdout?: { readonly match: RegExp; readonly then: (text: string) => Promise<void> };
}

function runDemo(home: string, options: RunOptions = {}): Promise<DemoRun> {
  const args = [join(root, 'bin/escher.js'), 'demo', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      HOME: home,
      // What a user may have set: the demo must ignore all of it.
      AWS_CONFIG_FILE: join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      AWS_PROFILE: 'default',
      ESCHER_HOME: join(home, '.escher'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const motoPids = new Set<number>();
  let endpoint: string | undefined;
  let interrupted = false;
  let seen = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const hook = options.onStdout;
    if (hook && !seen && hook.match.test(stdout)) {
      seen = true;
      void hook.then(stdout).finally(() => child.kill('SIGINT'));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const answering = /emulator answering at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
    if (answering && !endpoint) {
      endpoint = answering[1];
      for (const pid of descendants(child.pid!)) motoPids.add(pid);
    }
    if (options.interruptOn?.test(stderr) && !interrupted) {
      interrupted = true;
      child.kill(options.interruptWith ?? 'SIGINT');
    }
  });
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr, motoPids: [...motoPids], ...(endpoint ? { endpoint } : {}) });
    });
  });
}

describe('escher demo, run as a user would', () => {
  let home: string;
  let before: Record<string, string>;
  let run: DemoRun;

  beforeAll(async () => {
    home = sentinelHome();
    before = snapshot(home);
    run = await runDemo(home);
  }, 300_000);

  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('ends successfully', () => {
    expect(run.stderr).not.toMatch(/unexpected failure|at .*\.ts:\d+/);
    expect(run.code).toBe(0);
  });

  it('prints the seed’s Step 4 block for escher-prod', () => {
    expect(run.stdout).toContain(`${SEED_STEP_4}\n\n`);
  });

  it('prints the seed’s Step 5 lines for escher-prod, exactly', () => {
    expect(run.stdout).toContain(`${SEED_STEP_5}\n`);
  });

  it('shows escher-audit’s IAM and Cost Explorer as not OK, and names the missing actions', () => {
    const start = run.stdout.indexOf('escher-audit (AWS 123456789012)');
    expect(start).toBeGreaterThanOrEqual(0);
    // The profile's block ends at the first blank line.
    const block = run.stdout.slice(start).split('\n\n')[0]!;
    expect(block).toMatch(/^IAM: (PARTIAL|ERROR) /m);
    expect(block).toMatch(/^Cost Explorer: (PARTIAL|ERROR) /m);
    expect(block).toMatch(/^EC2 Instances: OK \(48 resources\)$/m);
    expect(run.stdout).toContain('iam:ListUsers');
    expect(run.stdout).toContain('ce:GetCostAndUsage');
  });

  it('prints escher-audit’s Test Access block with each missing action', () => {
    const block = [
      'Profile: escher-audit',
      'Provider: AWS',
      'Account: 123456789012',
      'Status: ✓ Connected',
      'Permissions: Missing 5 actions in 2 domains (IAM, Cost Explorer)',
      '  - ce:GetCostAndUsage',
      '  - iam:GenerateCredentialReport',
      '  - iam:GetCredentialReport',
      '  - iam:ListRoles',
      '  - iam:ListUsers',
    ].join('\n');
    expect(run.stdout).toContain(`${block}\n\n`);
  });

  it('lists escher-audit’s failed calls in the overview’s domain order, then by operation', () => {
    const diagnostics = run.stdout.slice(run.stdout.indexOf('Profile Diagnostics: escher-audit'));
    const entries = [...diagnostics.matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]);
    expect(entries).toEqual([
      'IAM · global · GenerateCredentialReport',
      'IAM · global · GetCredentialReport',
      'IAM · global · ListRoles',
      'IAM · global · ListUsers',
      'Cost Explorer · global · GetCostAndUsage',
    ]);
  });

  it('names the profiles in one order, as discovered and as enabled', () => {
    expect(run.stderr).toContain('demo: discovered escher-prod, escher-audit\n');
    expect(run.stderr).toContain('demo: enabled escher-prod, escher-audit\n');
  });

  it('prints no key or secret', () => {
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/AKIA[0-9A-Z]{16}|aws_secret_access_key/);
  });

  it('leaves no moto_server running', () => {
    expect(run.motoPids.length).toBeGreaterThan(0);
    expect(run.motoPids.filter(alive)).toEqual([]);
  });

  it('never touches the user’s ~/.aws or ~/.escher', () => {
    expect(snapshot(home)).toEqual(before);
  });
});

describe('escher demo interrupted by Ctrl-C', () => {
  it('stops moto and exits with 130', async () => {
    const home = sentinelHome();
    const before = snapshot(home);
    try {
      const run = await runDemo(home, { interruptOn: /building EC2 instances/ });
      expect(run.code).toBe(130);
      expect(run.stderr).toContain('escher: the demo was interrupted');
      expect(run.motoPids.length).toBeGreaterThan(0);
      expect(run.motoPids.filter(alive)).toEqual([]);
      expect(snapshot(home)).toEqual(before);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps the sandbox with --keep and says how to read what it holds', async () => {
    const home = sentinelHome();
    let kept: string | undefined;
    try {
      const run = await runDemo(home, {
        args: ['--keep'],
        interruptOn: /testing access of escher-audit/,
      });
      expect(run.code).toBe(130);
      const said =
        /demo: kept (\S+); its stored EstateView stays readable with ESCHER_HOME=(\S+) /.exec(
          run.stderr,
        );
      kept = said?.[1];
      expect(kept).toMatch(/escher-demo-/);
      expect(said?.[2]).toBe(`${kept}/.escher`);
      expect(existsSync(join(kept!, '.escher', 'escher.db'))).toBe(true);
      expect(run.motoPids.filter(alive)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
      if (kept) rmSync(kept, { recursive: true, force: true });
    }
  }, 120_000);

  it.each(['SIGTERM', 'SIGHUP'] as const)(
    'stops moto on %s too',
    async (signal) => {
      const home = sentinelHome();
      try {
        const run = await runDemo(home, {
          interruptOn: /building EC2 instances/,
          interruptWith: signal,
        });
        expect(run.code).toBe(130);
        expect(run.stderr).toContain('escher: the demo was interrupted');
        expect(run.motoPids.length).toBeGreaterThan(0);
        expect(run.motoPids.filter(alive)).toEqual([]);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('escher demo options', () => {
  it('refuses --port without --ui, before starting anything', async () => {
    const home = sentinelHome();
    try {
      const run = await runDemo(home, { args: ['--port', '50601'] });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'escher: --port sets the dashboard port, so it needs --ui: run escher demo --ui ' +
          '--port 50601, or leave --port out\n',
      );
      expect(run.motoPids).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('escher demo --ui', () => {
  it('serves the dashboard on the sandbox until Ctrl-C, then stops moto', async () => {
    const home = sentinelHome();
    const before = snapshot(home);
    let status = 0;
    try {
      const run = await runDemo(home, {
        args: ['--ui'],
        onStdout: {
          match: /Escher dashboard \(demo\): (\S+)\n/,
          then: async (text) => {
            const url = /Escher dashboard \(demo\): (\S+)\n/.exec(text)![1]!;
            status = (await fetch(url, { redirect: 'manual' })).status;
          },
        },
      });
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(400);
      expect(run.stdout).not.toContain('EC2 Instances:');
      expect(run.code).toBe(0);
      expect(run.motoPids.length).toBeGreaterThan(0);
      expect(run.motoPids.filter(alive)).toEqual([]);
      expect(snapshot(home)).toEqual(before);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 300_000);
});
