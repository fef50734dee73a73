import { spawn } from 'node:child_process';
import type { AwsCredentialIdentity } from '@smithy/types';
import { commandProgram } from './command-program.ts';
import { ProfileResolutionError } from './errors.ts';
import { propertyOf } from './profile-model.ts';
import type { ResolutionContext } from './resolution-context.ts';

/** How long a `credential_process` may run before Escher gives up (the AWS CLI has no limit). */
export const CREDENTIAL_PROCESS_TIMEOUT_MS = 60_000;

/**
 * The most a `credential_process` may print. Its JSON is a few hundred bytes; a command that
 * prints without end (`yes`) is stopped here instead of filling the memory.
 */
export const CREDENTIAL_PROCESS_MAX_OUTPUT = 1024 * 1024;

type Outcome =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: string }
  | { readonly kind: 'signal'; readonly signal: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'too-much-output' }
  | { readonly kind: 'spawn-failed'; readonly code: string };

/** Process groups of the commands running now, so that stopping Escher stops them too. */
const runningGroups = new Set<number>();

/**
 * Kills every `credential_process` still running, with what it started: Escher is stopping
 * (Ctrl-C, a closed terminal), and a command in its own process group would outlive it.
 */
export function stopCredentialProcesses(): void {
  for (const pid of runningGroups) killGroup(pid);
}

/**
 * Runs `credential_process` through the shell, as the SDKs do, and reads its JSON. The process
 * gets its own process group so that a timeout kills it and everything it started (a shell
 * script's children included) instead of leaving them running. Its output may hold secrets:
 * messages say only how it ended, never what it printed.
 */
export async function processCredentials(
  context: ResolutionContext,
  name: string,
): Promise<AwsCredentialIdentity> {
  const setting = propertyOf(context.set.profiles.get(name), 'credential_process')!;
  const command = setting.value;
  const where = `${setting.source.file}:${setting.source.line}`;
  const fail = (why: string): ProfileResolutionError =>
    new ProfileResolutionError(
      context.profile,
      'credential-process-failed',
      `credential_process of profile ${name} (${where}) ${why}`,
    );
  const timeoutMs = context.credentialProcessTimeoutMs ?? CREDENTIAL_PROCESS_TIMEOUT_MS;
  // A caller's trimmed environment still needs PATH to find the command.
  const outcome = await runInOwnGroup(
    command,
    { PATH: process.env.PATH, ...context.env },
    timeoutMs,
  );
  const runItYourself = 'run the command in a terminal to see why';
  switch (outcome.kind) {
    case 'timeout':
      throw fail(`did not finish within ${timeoutMs / 1000} s and was stopped; ${runItYourself}`);
    case 'signal':
      throw fail(`was killed by ${outcome.signal}; ${runItYourself}`);
    case 'too-much-output':
      throw fail(
        `printed more than ${CREDENTIAL_PROCESS_MAX_OUTPUT / 1024 / 1024} MiB and was stopped; ` +
          'it must print only the JSON object the AWS CLI expects',
      );
    case 'spawn-failed':
      throw fail(`could not be started (${outcome.code})`);
    case 'exited':
      break;
  }
  if (outcome.code === 127) {
    throw fail(`failed: command not found: ${commandProgram(command)}; fix the path in ${where}`);
  }
  if (outcome.code === 126) {
    throw fail(`failed: ${commandProgram(command)} is not executable; run chmod +x on it`);
  }
  if (outcome.code !== 0) throw fail(`failed (exit code ${outcome.code}); ${runItYourself}`);
  return credentialsFromOutput(outcome.stdout, fail);
}

function credentialsFromOutput(
  stdout: string,
  fail: (why: string) => ProfileResolutionError,
): AwsCredentialIdentity {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw fail(
      'printed something that is not JSON; it must print the JSON object the AWS CLI expects',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fail('printed JSON that is not an object');
  }
  const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration } = parsed as Record<
    string,
    unknown
  >;
  if (Version !== 1) {
    const got = Version === undefined ? 'no "Version"' : `"Version": ${describeVersion(Version)}`;
    throw fail(`printed JSON with ${got}; only "Version": 1 is understood`);
  }
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
    throw fail('printed no AccessKeyId and SecretAccessKey');
  }
  const expiration = typeof Expiration === 'string' ? new Date(Expiration) : undefined;
  if (expiration && Number.isNaN(expiration.getTime())) {
    throw fail('printed an "Expiration" that is not an ISO 8601 date');
  }
  if (expiration && expiration.getTime() <= Date.now()) {
    throw fail(`printed credentials that expired at ${expiration.toISOString()}`);
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof SessionToken === 'string' ? { sessionToken: SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

/** Only a short number or string is shown: anything else might be a secret put in the wrong place. */
function describeVersion(version: unknown): string {
  if (typeof version === 'number') return String(version);
  if (typeof version === 'string' && /^[\w.]{1,8}$/.test(version)) return JSON.stringify(version);
  return `a ${typeof version}`;
}

function runInOwnGroup(
  command: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const group = child.pid;
    if (group !== undefined) {
      if (runningGroups.size === 0) process.once('exit', stopCredentialProcesses);
      runningGroups.add(group);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let timedOut = false;
    let overflowed = false;
    let settled = false;
    let grace: NodeJS.Timeout | undefined;
    const settle = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      if (group !== undefined) runningGroups.delete(group);
      if (runningGroups.size === 0) process.off('exit', stopCredentialProcesses);
      // A background child may still hold the pipe open; an open pipe would keep Escher
      // running after its work is done, so close our end. The child itself is left alone:
      // it may be an agent the command meant to start.
      child.stdout.destroy();
      resolve(outcome);
    };
    const ended = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (timedOut) settle({ kind: 'timeout' });
      else if (overflowed) settle({ kind: 'too-much-output' });
      else if (signal) settle({ kind: 'signal', signal });
      else settle({ kind: 'exited', code: code ?? 1, stdout: Buffer.concat(chunks).toString() });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > CREDENTIAL_PROCESS_MAX_OUTPUT) {
        if (!overflowed) killGroup(group);
        overflowed = true;
        return;
      }
      chunks.push(chunk);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle({ kind: 'spawn-failed', code: error.code ?? 'unknown error' });
    });
    child.on('close', ended);
    // A background child that still holds stdout must not keep Escher waiting once the
    // command itself has exited: give the output a moment to drain, then go on.
    child.on('exit', (code, signal) => {
      grace = setTimeout(() => {
        ended(code, signal);
      }, 1000);
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
