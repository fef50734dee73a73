import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListUsersCommand, IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { startTestMoto, useMoto } from '../helpers/moto.ts';

const moto = useMoto({ enforceIam: true });

describe('the moto test helper', () => {
  it('runs this file’s own moto on a loopback port, with IAM enforced', async () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = { region: 'us-east-1', endpoint: moto.endpoint, maxAttempts: 1 };

    const admin = new STSClient({ ...config, credentials: moto.admin });
    const who = await admin.send(new GetCallerIdentityCommand({}));
    admin.destroy();
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/escher-demo-admin');

    // Keys moto never issued are refused once enforcement is on.
    const stranger = new IAMClient({
      ...config,
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'nope' },
    });
    const refused = await stranger.send(new ListUsersCommand({})).catch((e: unknown) => e);
    stranger.destroy();
    expect((refused as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(
      403,
    );
  });

  it('fails at once with the one-line install message when moto_server is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const failure = await startTestMoto().catch((error: unknown) => error as Error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(
        'moto_server was not found: install it with pip install "moto[server]"',
      );
      expect((failure as Error).stack).toBe((failure as Error).message);
    } finally {
      process.env.PATH = path;
    }
  });
});
