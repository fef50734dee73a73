import { chmod, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { rejection, useTempHomes } from './case-helpers.ts';

const setup = useTempHomes();

/** Sets up `[profile proc]` whose credential_process is `command` (line 2 of the config). */
async function procProfile(command: string, script?: string) {
  const h = await setup({});
  let run = command;
  if (script !== undefined) {
    run = await h.writeAt('bin/proc.sh', `#!/bin/sh\n${script}\n`);
    await chmod(run, 0o755);
  }
  await h.write('config', `[profile proc]\nregion = eu-west-1\ncredential_process = ${run}\n`);
  return h;
}

/** True while `pid` is a live process (a zombie counts as gone: it runs nothing). */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('credential_process that misbehaves', () => {
  it('a hanging process is stopped with everything it started, and the message says so', async () => {
    const h = await setup({});
    const pidFile = `${h.homeDir}/sleep.pid`;
    const script = await h.writeAt(
      'bin/hang.sh',
      `#!/bin/sh\n/bin/sleep 600 &\necho $! > ${pidFile}\nwait\n`,
    );
    await chmod(script, 0o755);
    await h.write('config', `[profile proc]\ncredential_process = ${script}\n`);
    const context = await resolveProfileContext('proc', {
      env: {},
      homeDir: h.homeDir,
      credentialProcessTimeoutMs: 500,
    });
    const error = await rejection(context.credentials());
    expect(error.reason).toBe('credential-process-failed');
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:2) did not finish within 0.5 s and ` +
        'was stopped; run the command in a terminal to see why',
    );

    const sleepPid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(sleepPid).toBeGreaterThan(0);
    await new Promise((done) => setTimeout(done, 100));
    expect(await alive(sleepPid)).toBe(false);
  });

  it('the default limit is 60 s', async () => {
    const h = await procProfile('/bin/sleep 600');
    const { CREDENTIAL_PROCESS_TIMEOUT_MS } =
      await import('../../src/profiles/credential-process.ts');
    expect(CREDENTIAL_PROCESS_TIMEOUT_MS).toBe(60_000);
    const context = await resolveProfileContext('proc', {
      env: {},
      homeDir: h.homeDir,
      credentialProcessTimeoutMs: 200,
    });
    const error = await rejection(context.credentials());
    expect(error.message).toContain(`(${h.configPath}:3) did not finish within 0.2 s`);
  });

  it('a command that does not exist is named', async () => {
    const h = await procProfile('/opt/nowhere/aws-vault exec dev --json');
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:3) failed: command not found: ` +
        `/opt/nowhere/aws-vault; fix the path in ${h.configPath}:3`,
    );
  });

  it('output that is not JSON is reported without repeating it', async () => {
    const h = await procProfile('', 'echo "AKIALEAKED1 SECRETLEAKED"');
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.message).toContain(
      `(${h.configPath}:3) printed something that is not JSON; it must print the JSON object`,
    );
    expect(error.message).not.toContain('LEAKED');
  });

  it('a Version other than 1 is named', async () => {
    const h = await procProfile(
      '',
      `echo '{"Version": 2, "AccessKeyId": "AKIALEAKED2", "SecretAccessKey": "SECRETLEAKED"}'`,
    );
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:3) printed JSON with "Version": 2; ` +
        'only "Version": 1 is understood',
    );
  });

  it('a process that prints without end is stopped at 1 MiB, not left to fill the memory', async () => {
    const h = await procProfile(`yes '{"Version": 1}'`);
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:3) printed more than 1 MiB and was ` +
        'stopped; it must print only the JSON object the AWS CLI expects',
    );
  });

  it('an Expiration that is not a date is refused, as botocore refuses it', async () => {
    const h = await procProfile(
      '',
      `echo '{"Version": 1, "AccessKeyId": "AKIAEXAMPLE", "SecretAccessKey": "x", ` +
        `"Expiration": "not-a-date"}'`,
    );
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:3) printed an "Expiration" that is ` +
        'not an ISO 8601 date',
    );
  });

  it('a failing process shows neither its stdout nor its stderr', async () => {
    const h = await procProfile('', 'echo AKIALEAKED3\necho SECRETLEAKED >&2\nexit 3');
    const context = await resolveProfileContext('proc', { env: {}, homeDir: h.homeDir });
    const error = await rejection(context.credentials());
    expect(error.message).toBe(
      `credential_process of profile proc (${h.configPath}:3) failed (exit code 3); run the ` +
        'command in a terminal to see why',
    );
    expect(JSON.stringify(error.cause ?? null)).not.toContain('LEAKED');
  });
});
