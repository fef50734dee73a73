import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { buildPolicyDocument, type PolicyDocument } from '../policy/build-policy.ts';
import type { EmulatorCredentials, EmulatorTarget } from './emulator-target.ts';
import { DEMO_USERS } from './estate-spec.ts';
import { emulatorClientConfig } from './sdk.ts';

/** An IAM policy document with any statements, for the emulator-only policies. */
interface AnyPolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: 'Allow';
    readonly Action: readonly string[];
    readonly Resource: '*';
  }[];
}

export interface DemoUser {
  readonly userName: string;
  /** The policies attached, by name, with their documents, for tests and the demo's output. */
  readonly policies: Readonly<Record<string, AnyPolicy | PolicyDocument>>;
  readonly credentials: EmulatorCredentials;
}

export interface DemoUsers {
  readonly readonly: DemoUser;
  readonly audit: DemoUser;
}

/** `escher policy`'s document without the actions of the given services (e.g. `iam`, `ce`). */
export function withoutServices(policy: PolicyDocument, services: readonly string[]): AnyPolicy {
  const dropped = new Set(services);
  return {
    Version: policy.Version,
    Statement: policy.Statement.map((statement) => ({
      ...statement,
      Action: statement.Action.filter((action) => !dropped.has(action.split(':')[0] ?? '')),
    })),
  };
}

/**
 * Where moto checks an S3 read under another name than AWS does (moto 5.2, s3/responses.py):
 * it names a bucket GET by its query key, knows neither `?publicAccessBlock` nor `?encryption`
 * there, and falls back to `ListBucket`; and it names an S3 Control call by its operation.
 */
const MOTO_S3_NAMES: Readonly<Record<string, string>> = {
  's3:GetBucketPublicAccessBlock': 's3:ListBucket',
  's3:GetEncryptionConfiguration': 's3:ListBucket',
  // S3 Control is checked as signing name + operation name, an action AWS does not have.
  's3:GetAccountPublicAccessBlock': 's3:GetPublicAccessBlock',
};

/**
 * The emulator only: the name moto checks for each action of the policy that it checks under
 * another name. CloudWatch calls are checked under the signing name, `monitoring:`, where AWS
 * checks `cloudwatch:`; two S3 reads are checked as `s3:ListBucket`, and the account's Block
 * Public Access read as `s3:GetPublicAccessBlock`. Kept in a
 * separate policy, so that Escher's own policy stays exactly what `escher policy` prints.
 */
export function emulatorTwins(policy: AnyPolicy | PolicyDocument): AnyPolicy {
  const actions = policy.Statement.flatMap((statement) => statement.Action).flatMap((action) => {
    if (action.startsWith('cloudwatch:')) {
      return [`monitoring:${action.slice('cloudwatch:'.length)}`];
    }
    const s3Name = MOTO_S3_NAMES[action];
    return s3Name ? [s3Name] : [];
  });
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'EmulatorOnlyTwins', Effect: 'Allow', Action: [...new Set(actions)], Resource: '*' },
    ],
  };
}

/**
 * Creates the demo's two users as the seed's Steps 1–2 do (managed policy, user, attach, access
 * key): `escher-readonly` with exactly `escher policy`'s document, `escher-audit` with that
 * document minus every IAM and Cost Explorer action; each also holds its emulator-only twins.
 */
export async function createDemoUsers(target: EmulatorTarget): Promise<DemoUsers> {
  const iam = new IAMClient(emulatorClientConfig(target, 'us-east-1'));
  try {
    const full = buildPolicyDocument();
    const audit = withoutServices(full, ['iam', 'ce']);
    return {
      readonly: await createUser(iam, DEMO_USERS.readonly, {
        EscherReadOnly: full,
        EscherReadOnlyEmulatorTwins: emulatorTwins(full),
      }),
      audit: await createUser(iam, DEMO_USERS.audit, {
        EscherAudit: audit,
        EscherAuditEmulatorTwins: emulatorTwins(audit),
      }),
    };
  } finally {
    iam.destroy();
  }
}

async function createUser(
  iam: IAMClient,
  userName: string,
  policies: Record<string, AnyPolicy | PolicyDocument>,
): Promise<DemoUser> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  for (const [policyName, document] of Object.entries(policies)) {
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: policyName, PolicyDocument: JSON.stringify(document) }),
    );
    await iam.send(
      new AttachUserPolicyCommand({ UserName: userName, PolicyArn: created.Policy!.Arn! }),
    );
  }
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const accessKeyId = key.AccessKey?.AccessKeyId;
  const secretAccessKey = key.AccessKey?.SecretAccessKey;
  if (!accessKeyId || !secretAccessKey) throw new Error(`moto returned no key for ${userName}`);
  return { userName, policies, credentials: { accessKeyId, secretAccessKey } };
}
