import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

describe('a credential_process that leaves a background child holding its output', () => {
  let t: TestHome | undefined;
  let sleepPid = 0;
  afterEach(() => {
    if (sleepPid > 0) {
      try {
        process.kill(sleepPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    t?.remove();
  });

  it('does not keep escher profiles test running once the work is done', async () => {
    t = testHome();
    const pidFile = join(t.home, 'sleep.pid');
    const script = join(t.home, 'agent.sh');
    // The sleep inherits stdout: the pipe stays open for 120 s after the command has exited.
    writeFileSync(
      script,
      `#!/bin/sh\n/bin/sleep 120 &\necho $! > ${pidFile}\n` +
        `echo '{"Version":1,"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"x"}'\n`,
    );
    chmodSync(script, 0o755);
    // Nothing listens on port 1: the sign-in fails at once with a refused connection.
    t.writeAws({
      config:
        '[profile agent]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:1\n' +
        `credential_process = ${script}\n`,
    });
    await t.run(['profiles', 'discover']);

    // Were the pipe left open, this would wait the sleep's 120 s, past the test's 90 s limit.
    const result = await t.run(['profiles', 'test', 'agent']);
    sleepPid = Number(readFileSync(pidFile, 'utf8').trim());

    expect(result.stdout).toContain('Status: ✗ No answer from http://127.0.0.1:1 (ECONNREFUSED)\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  }, 90_000);
});
