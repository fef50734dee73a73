import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/clients.ts';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { testProfileByName } from '../../src/access/test-profile.ts';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { makeTempHome, type TempHome } from '../profiles/temp-home.ts';

const TLS = new URL('../fixtures/tls/', import.meta.url).pathname;
const IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
  '<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/escher</Arn>' +
  '<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>' +
  '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>';
const KEYS = 'aws_access_key_id = AKIANETWORKTEST00001\naws_secret_access_key = x\n';

/** Answers every request as STS's GetCallerIdentity, and keeps what it was asked. */
function answerIdentity(seen: string[]) {
  return (request: IncomingMessage, response: import('node:http').ServerResponse) => {
    seen.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.end(IDENTITY);
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function whoAmI(home: TempHome, profile: string, env: NodeJS.ProcessEnv = {}) {
  const ctx = await resolveProfileContext(profile, { env, homeDir: home.homeDir });
  const clients = new AwsClients(ctx, { maxAttempts: 1 });
  try {
    return await clients.get('sts', 'us-east-1').send(new GetCallerIdentityCommand({}));
  } finally {
    clients.destroy();
  }
}

describe('requests go out as the AWS CLI sends them', () => {
  const seen: string[] = [];
  const tls = createHttpsServer(
    { key: readFileSync(`${TLS}loopback.key`), cert: readFileSync(`${TLS}loopback.crt`) },
    answerIdentity(seen),
  );
  const proxy = createHttpServer(answerIdentity(seen));
  let home: TempHome;
  let tlsPort: number;
  let proxyPort: number;

  beforeAll(async () => {
    tlsPort = await listen(tls);
    proxyPort = await listen(proxy);
    home = await makeTempHome({
      config:
        `[profile tls]\nregion = us-east-1\nendpoint_url = https://127.0.0.1:${tlsPort}\n` +
        `[profile trusted]\nregion = us-east-1\nendpoint_url = https://127.0.0.1:${tlsPort}\n` +
        `ca_bundle = ${TLS}loopback.crt\n` +
        '[profile proxied]\nregion = us-east-1\nendpoint_url = http://aws.example.invalid\n' +
        '[profile badbundle]\nregion = us-east-1\nca_bundle = /nowhere/bundle.pem\n',
      credentials: ['tls', 'trusted', 'proxied', 'badbundle']
        .map((name) => `[${name}]\n${KEYS}`)
        .join(''),
    });
  });
  afterAll(async () => {
    tls.close();
    proxy.close();
    await home.cleanup();
  });

  it('refuses a certificate nothing vouches for', async () => {
    await expect(whoAmI(home, 'tls')).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('trusts the certificates of the profile’s ca_bundle, and of AWS_CA_BUNDLE', async () => {
    expect((await whoAmI(home, 'trusted')).Account).toBe('123456789012');
    const viaEnv = await whoAmI(home, 'tls', { AWS_CA_BUNDLE: `${TLS}loopback.crt` });
    expect(viaEnv.Account).toBe('123456789012');
  });

  it('names a ca_bundle it cannot read, with its file and line, before any call', async () => {
    await expect(
      resolveProfileContext('badbundle', { env: {}, homeDir: home.homeDir }),
    ).rejects.toMatchObject({
      message:
        `ca_bundle (${home.configPath}:13) names /nowhere/bundle.pem, which cannot be read ` +
        '(ENOENT)',
      fixCommand: `fix ca_bundle of profile badbundle at ${home.configPath}:13, or remove it`,
    });
  });

  it.each([
    ['/dev/zero', 'is not a regular file'],
    ['garbage', 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)'],
  ])('refuses a bundle at %s, which %s, without reading it whole', async (name, why) => {
    const path = name === 'garbage' ? await home.writeAt('garbage.pem', 'not a cert\n') : name;
    // The variable is the shell's, not the profile's: the fix says so.
    await expect(
      resolveProfileContext('tls', { env: { AWS_CA_BUNDLE: path }, homeDir: home.homeDir }),
    ).rejects.toMatchObject({
      message: `AWS_CA_BUNDLE names ${path}, which ${why}`,
      fixCommand: 'point AWS_CA_BUNDLE at a PEM file of certificates, or unset AWS_CA_BUNDLE',
    });
  });

  it('says an untrusted certificate is one, and how a bundle fixes it', async () => {
    const report = await testProfileByName('tls', {
      env: {},
      homeDir: home.homeDir,
      clients: { retryDelayMs: () => 1 },
    });
    expect(report.authFailure).toMatchObject({
      summary: `The TLS certificate of https://127.0.0.1:${tlsPort} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`,
      fix: expect.stringContaining(
        'point ca_bundle of profile tls (or AWS_CA_BUNDLE) at the PEM file',
      ),
    });
  });

  it('names the proxy, never its password, when the proxy is bad or dead', async () => {
    const run = (proxy: string) =>
      testProfileByName('proxied', {
        env: { HTTP_PROXY: proxy },
        homeDir: home.homeDir,
        clients: { retryDelayMs: () => 1, maxAttempts: 1 },
      });
    const invalid = await run('http://proxyuser:hunter2pw@[::1');
    expect(invalid.authFailure?.fix).toContain('HTTPS_PROXY or HTTP_PROXY does not hold a valid');
    const dead = await run('http://proxyuser:hunter2pw@127.0.0.1:1');
    expect(dead.authFailure).toMatchObject({
      summary: 'No answer from http://aws.example.invalid (ECONNREFUSED)',
      fix: expect.stringContaining('the proxy that HTTPS_PROXY / HTTP_PROXY name'),
    });
    expect(JSON.stringify([invalid, dead])).not.toContain('hunter2pw');
  });

  it('sends through the proxy HTTP_PROXY names, unless NO_PROXY lists the host', async () => {
    seen.length = 0;
    const viaProxy = { HTTP_PROXY: `http://127.0.0.1:${proxyPort}` };
    expect((await whoAmI(home, 'proxied', viaProxy)).Account).toBe('123456789012');
    expect(seen).toEqual(['POST http://aws.example.invalid/']);

    await expect(
      whoAmI(home, 'proxied', { ...viaProxy, NO_PROXY: 'aws.example.invalid' }),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' });

    // Without a scheme, as the AWS CLI takes it: http:// is meant.
    seen.length = 0;
    const bare = await whoAmI(home, 'proxied', { HTTP_PROXY: `127.0.0.1:${proxyPort}` });
    expect(bare.Account).toBe('123456789012');
    expect(seen).toEqual(['POST http://aws.example.invalid/']);
  });
});
