import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';

/** Static keys for the emulator; they only ever open a throw-away local moto_server. */
export interface EmulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Where the sample estate is built: a local emulator and who may write to it. */
export interface EmulatorTarget {
  readonly endpoint: string;
  readonly credentials: EmulatorCredentials;
}

export const BOOTSTRAP_ADMIN = 'escher-demo-admin';

/**
 * How many requests `bootstrapAdmin` sends before it holds working keys. Start moto with
 * `enforceIamAfter` set to this, so that every later call is checked against IAM.
 */
export const BOOTSTRAP_REQUESTS = 3;

/**
 * Refuses any endpoint that is not on this machine's loopback: the builder creates and
 * changes resources, which Escher must never do to a real account.
 */
export function assertLocalEndpoint(endpoint: string): void {
  const host = new URL(endpoint).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`refusing to write to ${endpoint}: the sample estate is for a local emulator`);
  }
}

/**
 * Creates the emulator's admin in moto's unauthenticated window: a user, an inline policy
 * allowing everything, and an access key. Exactly `BOOTSTRAP_REQUESTS` requests, so the window
 * closes right after the key exists.
 */
export async function bootstrapAdmin(endpoint: string): Promise<EmulatorTarget> {
  assertLocalEndpoint(endpoint);
  // Any keys pass while moto is still unauthenticated; these open nothing.
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'bootstrap', secretAccessKey: 'bootstrap' },
    maxAttempts: 1,
  });
  try {
    await iam.send(new CreateUserCommand({ UserName: BOOTSTRAP_ADMIN }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: BOOTSTRAP_ADMIN,
        PolicyName: 'EmulatorAdmin',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: BOOTSTRAP_ADMIN }));
    const accessKeyId = key.AccessKey?.AccessKeyId;
    const secretAccessKey = key.AccessKey?.SecretAccessKey;
    if (!accessKeyId || !secretAccessKey) throw new Error('moto returned no access key');
    return { endpoint, credentials: { accessKeyId, secretAccessKey } };
  } finally {
    iam.destroy();
  }
}
