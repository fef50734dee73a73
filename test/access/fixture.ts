import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { READ_OPERATIONS } from '../../src/aws/operations.ts';
import { emulatorTwins } from '../../src/demo/demo-users.ts';
import type { EmulatorCredentials } from '../../src/demo/emulator-target.ts';

/** Every action of the read table, with the names moto checks some of them under instead. */
export function everyReadAction(): string[] {
  const actions = READ_OPERATIONS.map((entry) => entry.action);
  const document = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'All', Effect: 'Allow', Action: actions, Resource: '*' }],
  } as const;
  const twins = emulatorTwins(document).Statement.flatMap((statement) => statement.Action);
  return [...new Set([...actions, ...twins])];
}

const policy = (actions: readonly string[]): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  });

function adminClient(endpoint: string, admin: EmulatorCredentials): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint, credentials: admin, maxAttempts: 1 });
}

/** An IAM user holding exactly `actions`, and its keys. */
export async function createUser(
  endpoint: string,
  admin: EmulatorCredentials,
  name: string,
  actions: readonly string[],
): Promise<EmulatorCredentials & { arn: string }> {
  const iam = adminClient(endpoint, admin);
  try {
    const user = await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: 'p',
        PolicyDocument: policy(actions),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
    return {
      accessKeyId: key?.AccessKeyId ?? '',
      secretAccessKey: key?.SecretAccessKey ?? '',
      arn: user.User?.Arn ?? '',
    };
  } finally {
    iam.destroy();
  }
}

/** A role holding `actions` that `trusted` (a principal ARN) may assume; returns its ARN. */
export async function createRole(
  endpoint: string,
  admin: EmulatorCredentials,
  name: string,
  trusted: string,
  actions: readonly string[],
): Promise<string> {
  const iam = adminClient(endpoint, admin);
  try {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: trusted }, Action: 'sts:AssumeRole' }],
    };
    const role = await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'p',
        PolicyDocument: policy(actions),
      }),
    );
    return role.Role?.Arn ?? '';
  } finally {
    iam.destroy();
  }
}

/** A throw-away home with real AWS config and credentials files. */
export interface AwsHome {
  readonly homeDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Writes an SSO token cache file the way `aws sso login` names it. */
  writeSsoToken(sessionName: string, token: object): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeAwsHome(files: {
  config: string;
  credentials: string;
}): Promise<AwsHome> {
  const homeDir = await mkdtemp(path.join(tmpdir(), 'escher-access-'));
  const aws = path.join(homeDir, '.aws');
  await mkdir(path.join(aws, 'sso', 'cache'), { recursive: true });
  await writeFile(path.join(aws, 'config'), files.config);
  await writeFile(path.join(aws, 'credentials'), files.credentials);
  return {
    homeDir,
    // Nothing from the machine running the tests: no keys, no profile, no region.
    env: { HOME: homeDir },
    async writeSsoToken(sessionName, token) {
      const name = createHash('sha1').update(sessionName).digest('hex');
      await writeFile(path.join(aws, 'sso', 'cache', `${name}.json`), JSON.stringify(token));
    },
    cleanup: () => rm(homeDir, { recursive: true, force: true }),
  };
}
