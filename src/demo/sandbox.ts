import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorCredentials } from './emulator-target.ts';

/** A profile of the throw-away AWS config: its name, keys and the emulator it points at. */
export interface SandboxProfile {
  readonly name: string;
  readonly credentials: EmulatorCredentials;
}

/**
 * A temporary directory standing in for the user's home: `.aws/config`, `.aws/credentials`
 * and an Escher home, all pointing at the emulator. The demo runs with `env` and `homeDir`
 * from here, so it never reads or writes the user's own files.
 */
export interface Sandbox {
  readonly dir: string;
  readonly homeDir: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly escherHome: string;
  readonly env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/**
 * Variables that would make the SDK look somewhere other than the sandbox's files, or sign in
 * as someone else: every `AWS_*` setting goes, and the sandbox sets its own.
 */
function withoutAwsSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('AWS_') && name !== 'ESCHER_HOME'),
  );
}

export async function createSandbox(
  endpoint: string,
  profiles: readonly SandboxProfile[],
  baseEnv: NodeJS.ProcessEnv = process.env,
): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'escher-demo-'));
  const awsDir = join(dir, '.aws');
  const escherHome = join(dir, '.escher');
  await mkdir(awsDir, { mode: 0o700 });
  const configFile = join(awsDir, 'config');
  const credentialsFile = join(awsDir, 'credentials');

  const config = profiles.map((profile) =>
    [`[profile ${profile.name}]`, 'region = us-east-1', `endpoint_url = ${endpoint}`].join('\n'),
  );
  const credentials = profiles.map((profile) =>
    [
      `[${profile.name}]`,
      `aws_access_key_id = ${profile.credentials.accessKeyId}`,
      `aws_secret_access_key = ${profile.credentials.secretAccessKey}`,
    ].join('\n'),
  );
  // Owner-only, like `aws configure` leaves them: the credentials file holds keys.
  await writeFile(configFile, `${config.join('\n\n')}\n`, { mode: 0o600 });
  await writeFile(credentialsFile, `${credentials.join('\n\n')}\n`, { mode: 0o600 });
  await chmod(credentialsFile, 0o600);

  const env: NodeJS.ProcessEnv = {
    ...withoutAwsSettings(baseEnv),
    HOME: dir,
    USERPROFILE: dir,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    ESCHER_HOME: escherHome,
  };
  return {
    dir,
    homeDir: dir,
    configFile,
    credentialsFile,
    escherHome,
    env,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
