import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileContext } from '../../src/aws/profile-context.ts';
import { ProfileResolutionError, resolveProfileContext } from '../../src/profiles/resolve.ts';
import { useMoto } from '../helpers/moto.ts';
import { makeTempHome, type TempHome } from './temp-home.ts';

// Assume-role chains resolved from real files against a real moto_server that checks IAM:
// the user may only assume the roles, and each role trusts only its caller.
const moto = useMoto({ enforceIam: true });
const ACCOUNT = '123456789012';
let home: TempHome;
let userKeys: { id: string; secret: string };

function allow(actions: string[], resource = '*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
  });
}

function trust(principalArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principalArn }, Action: 'sts:AssumeRole' }],
  });
}

beforeAll(async () => {
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: moto.admin,
  });
  await iam.send(new CreateUserCommand({ UserName: 'base-user' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'base-user',
      PolicyName: 'AssumeOnly',
      PolicyDocument: allow(['sts:AssumeRole', 'sts:GetCallerIdentity']),
    }),
  );
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'base-user' }));
  userKeys = { id: key.AccessKey!.AccessKeyId!, secret: key.AccessKey!.SecretAccessKey! };
  const userArn = `arn:aws:iam::${ACCOUNT}:user/base-user`;
  for (const [role, trusted] of [
    ['EscherReader', userArn],
    ['Mid', userArn],
    // moto matches the caller's session ARN literally, as AWS does for session principals.
    ['App', `arn:aws:sts::${ACCOUNT}:assumed-role/Mid/mid-session`],
    ['Locked', `arn:aws:iam::${ACCOUNT}:user/someone-else`],
  ] as const) {
    await iam.send(
      new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust(trusted) }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role,
        PolicyName: 'Chain',
        PolicyDocument: allow(['sts:AssumeRole', 'sts:GetCallerIdentity']),
      }),
    );
  }
  iam.destroy();

  const endpoint = `endpoint_url = ${moto.endpoint}\n`;
  home = await makeTempHome({
    config:
      `[profile reader]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/EscherReader\n` +
      `source_profile = base\nrole_session_name = escher-test\nregion = eu-west-1\n${endpoint}` +
      `[profile base]\n${endpoint}` +
      `[profile app]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/App\nsource_profile = mid\n` +
      `${endpoint}[profile mid]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Mid\n` +
      `credential_source = Environment\nrole_session_name = mid-session\n${endpoint}` +
      `[profile missing-role]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Locked\n` +
      `source_profile = base\n${endpoint}`,
    credentials: `[base]\naws_access_key_id = ${userKeys.id}\naws_secret_access_key = ${userKeys.secret}\n`,
  });
});

afterAll(async () => {
  await home.cleanup();
});

async function callerArn(context: ProfileContext): Promise<string | undefined> {
  const sts = new STSClient({
    region: context.region,
    endpoint: context.endpointFor('sts')!,
    credentials: context.credentials,
  });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('assume-role profiles against moto', () => {
  it('a source_profile role resolves to the assumed role', async () => {
    const context = await resolveProfileContext('reader', { env: {}, homeDir: home.homeDir });
    expect(context.region).toBe('eu-west-1');
    expect(context.endpointFor('sts')).toBe(moto.endpoint);
    expect(await callerArn(context)).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/EscherReader/escher-test`,
    );
  });

  it('a two-hop chain from credential_source = Environment ends in the last role', async () => {
    const env = { AWS_ACCESS_KEY_ID: userKeys.id, AWS_SECRET_ACCESS_KEY: userKeys.secret };
    const context = await resolveProfileContext('app', { env, homeDir: home.homeDir });
    expect(await callerArn(context)).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/App/escher-\\d+$`),
    );
  });

  it('a role that does not trust the user gives assume-role-failed, naming the role', async () => {
    const context = await resolveProfileContext('missing-role', {
      env: {},
      homeDir: home.homeDir,
    });
    const error: unknown = await context.credentials().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileResolutionError);
    const failure = error as ProfileResolutionError;
    expect(failure.reason).toBe('assume-role-failed');
    expect(failure.message).toContain(`role arn:aws:iam::${ACCOUNT}:role/Locked`);
    expect(failure.message).not.toContain(userKeys.secret);
    expect(failure.message).not.toContain(userKeys.id);
    expect(failure.cause).toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    const printed = JSON.stringify(failure.cause) + String(failure.stack) + failure.message;
    expect(printed).not.toMatch(/security-token|Signature=|authorization/i);
  });
});
