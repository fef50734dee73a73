import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/demo/sandbox.ts';
import { appBackend } from '../../src/ui/app-backend.ts';
import { bundleAssets } from '../../src/ui/assets.ts';
import { buildDashboardApp } from '../../src/ui/routes.ts';
import { cookieName } from '../../src/ui/security.ts';
import { startDashboard, type Dashboard } from '../../src/ui/server.ts';

// Keys in the AWS example format: they open nothing, and must never appear in an answer.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PORT = 45_678;
const TOKEN = 'test-token-0123456789';
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** The in-process app on a sandbox home whose only profile points at a closed port. */
let sandbox: Sandbox;
let app: ReturnType<typeof buildDashboardApp>['app'];

beforeAll(async () => {
  sandbox = await createSandbox('http://127.0.0.1:9', [
    { name: 'escher-prod', credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET } },
  ]);
  const backend = appBackend({
    env: sandbox.env,
    homeDir: sandbox.homeDir,
    escherHome: sandbox.escherHome,
  });
  app = buildDashboardApp({
    backend,
    assets: await bundleAssets(),
    token: TOKEN,
    port: () => PORT,
  }).app;
});

afterAll(async () => {
  await sandbox.remove();
});

const api = (path: string, init: RequestInit = {}, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, {
    ...init,
    headers: { host: `127.0.0.1:${PORT}`, 'x-escher-token': TOKEN, ...headers },
  });

const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  api(
    path,
    { method: 'POST', body: JSON.stringify(body) },
    {
      'content-type': 'application/json',
      origin: ORIGIN,
      ...headers,
    },
  );

describe('the dashboard refuses requests without the token', () => {
  it.each([
    ['the page', '/', {}],
    ['an asset', '/assets/app.js', {}],
    ['the API', '/api/profiles', {}],
    ['the API with a wrong token', '/api/profiles', { 'x-escher-token': 'guess' }],
    [
      'the API with the token only in the cookie',
      '/api/profiles',
      { cookie: `${cookieName(PORT)}=${TOKEN}` },
    ],
  ])('refuses %s with 403 and a JSON error', async (_what, path, headers) => {
    const response = await app.request(`${ORIGIN}${path}`, {
      headers: { host: `127.0.0.1:${PORT}`, ...headers },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: expect.stringContaining('token') });
  });

  it('sends the token swap only to its own page, never to a host in the path', async () => {
    const response = await app.request(`${ORIGIN}//elsewhere.example/?token=${TOKEN}`, {
      headers: { host: `127.0.0.1:${PORT}` },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });

  it('trades the token in the printed URL for an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await app.request(`${ORIGIN}/?token=${TOKEN}`, {
      headers: { host: `127.0.0.1:${PORT}` },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toBe(
      `escher_ui_${PORT}=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`,
    );

    const page = await app.request(`${ORIGIN}/`, {
      headers: { host: `127.0.0.1:${PORT}`, cookie: `escher_ui_${PORT}=${TOKEN}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
  });
});

describe('the dashboard refuses a foreign Host (DNS rebinding)', () => {
  it.each([
    'evil.example:45678',
    `127.0.0.1:${PORT + 1}`,
    '127.0.0.1',
    `LOCALHOST:${PORT}`,
    `127.0.0.1.:${PORT}`,
  ])('refuses Host %s with 403, token or not', async (host) => {
    const response = await app.request(`${ORIGIN}/api/profiles`, {
      headers: { host, 'x-escher-token': TOKEN },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: expect.stringContaining('Host') });
  });

  it('answers on localhost:PORT too', async () => {
    const response = await api('/api/profiles', {}, { host: `localhost:${PORT}` });
    expect(response.status).toBe(200);
  });
});

describe('state-changing requests are POSTs from our own origin', () => {
  it.each([
    '/api/profiles/discover',
    '/api/profiles/enable',
    '/api/profiles/disable',
    '/api/profiles/annotate',
    '/api/profiles/test',
  ])('GET %s is 405 with Allow: POST', async (path) => {
    const response = await api(path);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({ error: `${path} only accepts POST` });
  });

  it('PUT on /api/refresh is 405, while GET reads its state', async () => {
    expect((await api('/api/refresh', { method: 'PUT' })).status).toBe(405);
    expect(await (await api('/api/refresh')).json()).toEqual({
      phase: 'idle',
      eventCount: 0,
      recent: [],
    });
  });

  it('refuses a POST from another origin, even with the token', async () => {
    const response = await post('/api/profiles/discover', {}, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'refused: the request came from another origin',
    });
  });

  it('refuses a POST whose body is not JSON (what a cross-site form would send)', async () => {
    const response = await api(
      '/api/profiles/discover',
      { method: 'POST', body: 'a=b' },
      { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    );
    expect(response.status).toBe(415);
  });

  it('answers a bad request with a JSON error and no stack', async () => {
    const response = await post('/api/profiles/annotate', { name: 'nobody', note: 'x' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain('nobody');
    expect(body.error).not.toMatch(/\n\s+at /);
  });
});

describe('no CORS, security headers, no secret', () => {
  it('sends no Access-Control-* header, even to a preflight', async () => {
    const preflight = await api(
      '/api/profiles',
      { method: 'OPTIONS' },
      {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-escher-token',
      },
    );
    const answers = [preflight, await api('/api/profiles'), await post('/api/profiles/discover')];
    for (const response of answers) {
      expect(
        [...response.headers.keys()].filter((name) => name.startsWith('access-control-')),
      ).toEqual([]);
    }
  });

  it('sets the security headers on answers and refusals alike', async () => {
    for (const response of [await api('/api/profiles'), await api('/api/x', {}, { host: 'x' })]) {
      expect(response.headers.get('content-security-policy')).toMatch(
        /^default-src 'none'; script-src 'self';/,
      );
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('refuses an unknown resource type and bad paging with 400, naming the known types', async () => {
    const unknown = await api('/api/resources?type=ec2:instanc');
    expect(unknown.status).toBe(400);
    const { error } = (await unknown.json()) as { error: string };
    expect(error).toContain('no resource type "ec2:instanc"');
    expect(error).toContain('ec2:instance');
    expect((await api('/api/resources?limit=501')).status).toBe(400);
    expect((await api('/api/resources?offset=-1')).status).toBe(400);
    // Numbers to JavaScript, not to a person paging; and one past SQLite's integers.
    for (const paging of ['limit=1e2', 'offset=0x10', 'offset=99999999999999999999']) {
      expect((await api(`/api/resources?${paging}`)).status, paging).toBe(400);
    }
    expect((await api('/api/resources?type=s3:bucket')).status).toBe(200);
  });

  it('never puts the key id or secret in an answer, whatever the route', async () => {
    const answers = [
      await post('/api/profiles/discover'),
      await api('/api/profiles'),
      await post('/api/profiles/enable', { names: ['escher-prod'] }),
      await post('/api/profiles/annotate', { name: 'escher-prod', note: 'prod read-only' }),
      await post('/api/profiles/test', { name: 'escher-prod' }),
      await api('/api/overview'),
      await api('/api/diagnostics?profile=escher-prod'),
      await api('/api/resources'),
      await api('/api/charts'),
      await api('/api/profile-warnings'),
    ];
    const texts = await Promise.all(answers.map((response) => response.text()));
    expect(answers.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(JSON.parse(texts[1]!)).toEqual([
      expect.objectContaining({ name: 'escher-prod', credentialKind: 'static-keys' }),
    ]);
    for (const text of texts) {
      expect(text).not.toContain(KEY_ID);
      expect(text).not.toContain(SECRET);
    }
  });
});

describe('startDashboard on a real socket', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard({
      env: sandbox.env,
      homeDir: sandbox.homeDir,
      escherHome: sandbox.escherHome,
    });
  });
  afterAll(async () => {
    await dashboard.close();
  });

  it('prints a loopback URL with the token and listens on 127.0.0.1 only', async () => {
    expect(dashboard.url).toBe(`http://127.0.0.1:${dashboard.port}/?token=${dashboard.token}`);
    expect(dashboard.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const answer = await rawGet(dashboard.port, '/api/profiles', {
      host: `127.0.0.1:${dashboard.port}`,
      'x-escher-token': dashboard.token,
    });
    expect(answer.status).toBe(200);
  });

  it('names the AWS config and credentials files it reads, not a guess', async () => {
    const answer = await rawGet(dashboard.port, '/api/profile-files', {
      host: `127.0.0.1:${dashboard.port}`,
      'x-escher-token': dashboard.token,
    });
    expect(JSON.parse(answer.body)).toEqual({
      config: sandbox.env.AWS_CONFIG_FILE,
      credentials: sandbox.env.AWS_SHARED_CREDENTIALS_FILE,
    });
  });

  it('refuses a rebinding page: right socket, foreign Host header', async () => {
    const answer = await rawGet(dashboard.port, '/api/profiles', {
      host: `rebind.example:${dashboard.port}`,
      'x-escher-token': dashboard.token,
    });
    expect(answer.status).toBe(403);
  });
});

describe('escher ui as a process', () => {
  it('closes the server and exits 0 on SIGTERM, as on Ctrl-C', async () => {
    const bin = new URL('../../bin/escher.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'ui'], {
      env: { ...process.env, HOME: sandbox.homeDir, ESCHER_HOME: sandbox.escherHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<URL>((resolve) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /Escher dashboard: (\S+)\n/.exec(stdout);
        if (found) resolve(new URL(found[1]!));
      });
    });
    const port = Number(url.port);
    const headers = { host: url.host, 'x-escher-token': url.searchParams.get('token') ?? '' };
    expect((await rawGet(port, '/api/profiles', headers)).status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Stopping the dashboard.');
    await expect(rawGet(port, '/api/profiles', headers)).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);
});

/** A GET with exactly these headers (fetch would set Host itself). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('error', reject);
    request.end();
  });
}
