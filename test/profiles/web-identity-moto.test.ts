import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { useMoto } from '../helpers/moto.ts';
import { makeTempHome, type TempHome } from './temp-home.ts';

// AssumeRoleWithWebIdentity is an unsigned call, which moto's IAM-enforcing mode cannot
// serve (it answers 500), so this file runs moto without enforcement.
const moto = useMoto();
const ACCOUNT = '123456789012';
let home: TempHome;

beforeAll(async () => {
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'setup', secretAccessKey: 'setup' },
  });
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'CiReader',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: 'token.example' }, Action: '*' }],
      }),
    }),
  );
  iam.destroy();
  home = await makeTempHome({
    config:
      `[profile ci]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/CiReader\n` +
      `web_identity_token_file = ~/token.jwt\nrole_session_name = ci-run\n` +
      `endpoint_url = ${moto.endpoint}\n`,
  });
  await home.writeAt('token.jwt', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.\n');
});

afterAll(async () => {
  await home.cleanup();
});

it('a web identity profile reads its token file (~ expanded) and assumes the role', async () => {
  const context = await resolveProfileContext('ci', { env: {}, homeDir: home.homeDir });
  const sts = new STSClient({
    region: context.region,
    endpoint: context.endpointFor('sts')!,
    credentials: context.credentials,
  });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  sts.destroy();
  expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/CiReader/ci-run`);
});
