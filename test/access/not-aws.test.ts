import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTestAccess } from '../../src/access/render.ts';
import { testProfileByName } from '../../src/access/test-profile.ts';
import { makeAwsHome, type AwsHome } from './fixture.ts';

/** A web server that is not AWS: its home page for every path, as a status of our choice. */
function webServer(status: number): Server {
  return createServer((request, response) => {
    request.resume();
    response.writeHead(status, { 'content-type': 'text/html' });
    response.end('<!doctype html><html><body><h1>Directory listing</h1></body></html>');
  });
}

describe('Test Access against an endpoint that is not AWS', () => {
  const servers = { ok: webServer(200), missing: webServer(404) };
  const ports: Record<string, number> = {};
  let home: AwsHome | undefined;

  beforeAll(async () => {
    for (const [name, server] of Object.entries(servers)) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      ports[name] = (server.address() as AddressInfo).port;
    }
    const profile = (name: string) =>
      `[profile ${name}]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${ports[name]}\n`;
    const keys = (name: string) =>
      `[${name}]\naws_access_key_id = AKIANOTAWSTEST000001\naws_secret_access_key = x\n`;
    home = await makeAwsHome({
      config: profile('ok') + profile('missing'),
      credentials: keys('ok') + keys('missing'),
    });
  });
  afterAll(async () => {
    for (const server of Object.values(servers)) server.close();
    await home?.cleanup();
  });

  it.each([
    ['ok', 200],
    ['missing', 404],
  ])('says the %s page did not answer as AWS does (HTTP %i)', async (name, status) => {
    const report = await testProfileByName(name, {
      env: home!.env,
      homeDir: home!.homeDir,
      clients: { retryDelayMs: () => 1 },
    });
    const lines = renderTestAccess(name, report).split('\n');
    expect(lines[3]).toBe(
      `Status: ✗ http://127.0.0.1:${ports[name]} did not answer as AWS does (HTTP ${status})`,
    );
    expect(lines.join('\n')).toContain(
      `check endpoint_url of profile ${name}: it must point at AWS or an emulator of it`,
    );
  });
});
