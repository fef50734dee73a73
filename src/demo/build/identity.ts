import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  type Tag,
} from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { pad, RESERVED_USERS, type EstateSpec } from '../estate-spec.ts';
import { mapLimit } from '../limit.ts';
import type { ClientPool } from '../sdk.ts';

const TEAMS = ['platform', 'data', 'payments', 'mobile', 'web', 'ml', 'sre', 'finance'];
const ROLE_KINDS = ['lambda-exec', 'ec2-instance', 'ecs-task', 'ci-deploy', 'cross-account'];

/** The service each kind of role is assumed by; cross-account roles trust a user instead. */
const TRUSTED_SERVICE: Record<string, string | undefined> = {
  'lambda-exec': 'lambda.amazonaws.com',
  'ec2-instance': 'ec2.amazonaws.com',
  'ecs-task': 'ecs-tasks.amazonaws.com',
  'ci-deploy': 'codebuild.amazonaws.com',
};

export interface IdentityResult {
  /** ARNs of the roles Lambda functions run as, in creation order. */
  readonly lambdaRoleArns: readonly string[];
}

/**
 * IAM users and roles. The users the demo signs in as (and the bootstrap admin) are made
 * elsewhere but count toward the spec's total, so this makes the rest.
 */
export async function buildIdentity(pool: ClientPool, spec: EstateSpec): Promise<IdentityResult> {
  const iam = pool.get(IAMClient);
  const userCount = spec.counts.iamUsers - RESERVED_USERS.length;
  const width = String(userCount).length < 3 ? 3 : String(userCount).length;
  await mapLimit(range(userCount), 8, async (index) => {
    const team = TEAMS[index % TEAMS.length]!;
    const name = `${team}-user-${pad(index + 1, width)}`;
    await iam.send(new CreateUserCommand({ UserName: name, Tags: tags({ team }) }));
    // Every fifth user has a key, so the credential report has key ages to show.
    if (index % 5 === 0) await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  });

  const roleArns = await mapLimit(range(spec.counts.iamRoles), 8, async (index) => {
    const kind = ROLE_KINDS[index % ROLE_KINDS.length]!;
    const name = `${kind}-role-${pad(index + 1, width)}`;
    const service = TRUSTED_SERVICE[kind];
    // moto's trust check rejects the account root as principal; name a user ARN instead.
    const principal = service
      ? { Service: service }
      : { AWS: `arn:aws:iam::123456789012:user/${RESERVED_USERS[0]}` };
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
        }),
        Tags: tags({ kind }),
      }),
    );
    return { kind, arn: created.Role!.Arn! };
  });
  return {
    lambdaRoleArns: roleArns.filter((role) => role.kind === 'lambda-exec').map((r) => r.arn),
  };
}

/** An organization whose management account is the emulator's, with member accounts. */
export async function buildOrganization(pool: ClientPool, spec: EstateSpec): Promise<void> {
  const org = pool.get(OrganizationsClient);
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const names = ['workloads-prod', 'workloads-staging', 'sandbox', 'log-archive', 'audit'];
  for (let index = 0; index < spec.counts.organizationAccounts - 1; index++) {
    const name = names[index % names.length]! + (index >= names.length ? `-${index}` : '');
    await org.send(
      new CreateAccountCommand({ AccountName: name, Email: `aws+${name}@example.com` }),
    );
  }
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function tags(extra: Record<string, string>): Tag[] {
  return Object.entries({ owner: 'escher-sample', ...extra }).map(([Key, Value]) => ({
    Key,
    Value,
  }));
}
