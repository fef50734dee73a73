import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('Ctrl-C during escher profiles test', () => {
  let t: TestHome;
  beforeEach(() => {
    t = testHome();
  });
  afterEach(() => {
    t.remove();
  });

  it('stops a hanging credential_process with what it started, and records nothing', async () => {
    const pidFile = join(t.home, 'sleep.pid');
    const script = join(t.home, 'hang.sh');
    writeFileSync(script, `#!/bin/sh\n/bin/sleep 600 &\necho $! > ${pidFile}\nwait\n`);
    chmodSync(script, 0o755);
    t.writeAws({ config: `[profile hang]\nregion = us-east-1\ncredential_process = ${script}\n` });
    await t.run(['profiles', 'discover']);

    const child = spawn(process.execPath, [BIN, 'profiles', 'test', 'hang'], {
      env: { ...process.env, HOME: t.home, AWS_CONFIG_FILE: '', ESCHER_HOME: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    await expect.poll(() => existsSync(pidFile), { timeout: 10_000 }).toBe(true);
    const sleepPid = Number(readFileSync(pidFile, 'utf8').trim());
    child.kill('SIGINT');
    const [code] = (await exited) as [number];

    expect(stderr).toBe('escher: Test Access was cancelled; nothing was recorded\n');
    expect(code).toBe(130);
    expect(stderr).toBe('escher: Test Access was cancelled; nothing was recorded\n');
    await expect.poll(() => alive(sleepPid), { timeout: 2_000 }).toBe(false);
    const list = JSON.parse((await t.run(['profiles', 'list', '--json'])).stdout) as {
      accessStatus: string;
    }[];
    expect(list[0]?.accessStatus).toBe('UNTESTED');
  });
});
