import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { resolveProfileContext } from '../../src/profiles/resolve.ts';
import { makeTempHome, type TempHome } from './temp-home.ts';

// moto has no SSO portal, so a loopback server answers the two wire calls with the shapes
// AWS uses: sso-oidc CreateToken (POST /token) and sso GetRoleCredentials
// (GET /federation/credentials with the bearer token in x-amz-sso_bearer_token).
interface Seen {
  method?: string;
  path: string;
  bearer?: string;
  body: string;
}
const seen: Seen[] = [];
let server: Server;
let endpoint: string;
let home: TempHome | undefined;

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void body(request).then((text) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const bearer = request.headers['x-amz-sso_bearer_token'];
      seen.push({
        ...(request.method ? { method: request.method } : {}),
        path: url.pathname,
        ...(typeof bearer === 'string' ? { bearer } : {}),
        body: text,
      });
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/token') {
        response.end(
          JSON.stringify({
            accessToken: 'fresh-token',
            expiresIn: 3600,
            refreshToken: 'next-refresh',
            tokenType: 'Bearer',
          }),
        );
        return;
      }
      response.end(
        JSON.stringify({
          roleCredentials: {
            accessKeyId: 'ASIASSOEXAMPLE',
            secretAccessKey: 'SSOSECRET',
            sessionToken: 'SSOSESSION',
            expiration: Date.now() + 3_600_000,
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

afterEach(async () => {
  seen.length = 0;
  await home?.cleanup();
  home = undefined;
});

async function ssoHome(cache: Record<string, string>): Promise<{ home: TempHome; file: string }> {
  home = await makeTempHome({
    config:
      '[profile admin]\nsso_session = my-sso\nsso_account_id = 111122223333\n' +
      `sso_role_name = AdministratorAccess\nendpoint_url = ${endpoint}\n` +
      '[sso-session my-sso]\nsso_start_url = https://d-0000000000.awsapps.com/start\n' +
      'sso_region = us-east-1\n',
  });
  const sha1 = createHash('sha1').update('my-sso').digest('hex');
  const file = await home.writeAt(`.aws/sso/cache/${sha1}.json`, JSON.stringify(cache));
  return { home, file };
}

it('a valid cached token is traded for role credentials', async () => {
  const { home } = await ssoHome({
    accessToken: 'cached-token',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  const context = await resolveProfileContext('admin', { env: {}, homeDir: home.homeDir });
  await expect(context.credentials()).resolves.toMatchObject({
    accessKeyId: 'ASIASSOEXAMPLE',
    accountId: '111122223333',
  });
  expect(seen.map((s) => [s.method, s.path, s.bearer])).toEqual([
    ['GET', '/federation/credentials', 'cached-token'],
  ]);
});

it('C12: an expired token with a refresh token is refreshed with CreateToken first', async () => {
  const { home, file } = await ssoHome({
    accessToken: 'stale-token',
    expiresAt: '2024-01-01T00:00:00Z',
    refreshToken: 'refresh-1',
    clientId: 'client-1',
    clientSecret: 'client-secret-1',
    registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const context = await resolveProfileContext('admin', { env: {}, homeDir: home.homeDir });
  await expect(context.credentials()).resolves.toMatchObject({ accessKeyId: 'ASIASSOEXAMPLE' });
  expect(seen.map((s) => [s.method, s.path, s.bearer])).toEqual([
    ['POST', '/token', undefined],
    ['GET', '/federation/credentials', 'fresh-token'],
  ]);
  expect(JSON.parse(seen[0]!.body)).toMatchObject({
    grantType: 'refresh_token',
    refreshToken: 'refresh-1',
  });
  const cached = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  expect(cached.accessToken).toBe('fresh-token');
  expect(cached.refreshToken).toBe('next-refresh');
  expect(Date.parse(cached.expiresAt!)).toBeGreaterThan(Date.now());
});
