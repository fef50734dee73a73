import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorTwins } from '../../src/demo/demo-users.ts';
import { buildPolicyDocument } from '../../src/policy/build-policy.ts';
import { scanAccount } from '../../src/scan/scan-account.ts';
import type { AccountScanResult } from '../../src/scan/scan-types.ts';
import { useMoto } from '../helpers/moto.ts';
import { contextFor, lines, MemorySink } from './helpers/memory-sink.ts';
import { buildSmallEstate, type Keys } from './helpers/small-estate.ts';

/** A user holding `escher policy`'s document without the given actions, and its keys. */
async function scannerWithout(endpoint: string, admin: Keys, dropped: string[]): Promise<Keys> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint, credentials: admin });
  const full = buildPolicyDocument();
  const narrowed = {
    ...full,
    Statement: full.Statement.map((statement) => ({
      ...statement,
      Action: statement.Action.filter((action) => !dropped.includes(action)),
    })),
  };
  await iam.send(new CreateUserCommand({ UserName: 'narrow-scanner' }));
  // moto checks GET ?publicAccessBlock and ?encryption as s3:ListBucket (its ACTION_MAP keys
  // do not match those query strings); an emulator-only grant, like the monitoring: twins.
  const motoS3 = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: '*' }],
  };
  const documents = { Narrow: narrowed, NarrowTwins: emulatorTwins(narrowed), MotoS3: motoS3 };
  for (const [name, document] of Object.entries(documents)) {
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify(document) }),
    );
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'narrow-scanner', PolicyArn: policy.Policy?.Arn }),
    );
  }
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'narrow-scanner' }));
  iam.destroy();
  return {
    accessKeyId: key.AccessKey?.AccessKeyId ?? '',
    secretAccessKey: key.AccessKey?.SecretAccessKey ?? '',
  };
}

describe('scanAccount against IAM-enforcing moto', () => {
  const moto = useMoto({ enforceIam: true });
  const sink = new MemorySink();
  let result: AccountScanResult;

  beforeAll(async () => {
    await buildSmallEstate(moto.endpoint, moto.admin);
    const keys = await scannerWithout(moto.endpoint, moto.admin, ['iam:ListRoles']);
    result = await scanAccount(contextFor(moto.endpoint, keys, { profile: 'escher-narrow' }), {
      sink,
      regions: ['us-east-1'],
      sleep: () => Promise.resolve(),
    });
  });

  it('shows IAM as PARTIAL, naming the action the policy lacks', () => {
    // Users: the bootstrap admin, narrow-scanner, and the estate's three.
    expect(lines(result.coverage).iam).toBe(
      'PARTIAL (5 users; roles not readable: iam:ListRoles denied)',
    );
    expect(result.status).toBe('PARTIAL');
  });

  it('lists the denied call with its action, kind and the CloudTrail look-up', () => {
    const denied = result.failures.filter((failure) => failure.domain === 'iam');
    expect(denied).toEqual([
      {
        domain: 'iam',
        region: 'global',
        operation: 'ListRoles',
        action: 'iam:ListRoles',
        errorCode: 'AccessDenied',
        httpStatus: 403,
        kind: 'missing-permission',
        fix:
          'Add iam:ListRoles to the IAM policy of the principal that profile escher-narrow uses ' +
          '(escher policy prints the whole policy). To see the denied call (with a principal ' +
          "allowed cloudtrail:LookupEvents, which Escher's policy does not grant): aws " +
          'cloudtrail lookup-events --lookup-attributes ' +
          'AttributeKey=EventName,AttributeValue=ListRoles --profile escher-narrow',
        message: expect.stringContaining('iam:ListRoles') as string,
      },
    ]);
    expect(sink.failures).toEqual(result.failures);
  });

  it('reads every other domain in full with the policy escher prints', () => {
    const others = result.coverage.filter((coverage) => coverage.domain !== 'iam');
    expect(others.filter((c) => c.status !== 'OK' && c.status !== 'NOT ENABLED')).toEqual([]);
    expect(sink.ofType('iam:role')).toEqual([]);
  });
});
