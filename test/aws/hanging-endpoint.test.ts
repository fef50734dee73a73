import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAccess } from '../../src/access/index.ts';
import { scanAccount } from '../../src/scan/scan-account.ts';
import { ScanAuthError } from '../../src/scan/scan-types.ts';
import { contextFor, MemorySink } from '../scan/helpers/memory-sink.ts';

/**
 * An endpoint that accepts the connection and then never answers: a wedged proxy, a firewall
 * that swallows packets. Before the handler was told to throw on its request timeout, the SDK
 * only logged a warning and the scan waited forever.
 */
describe('an endpoint that never answers', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    endpoint = `http://127.0.0.1:${String(address.port)}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const keys = { accessKeyId: 'AKIAHANGINGTEST00001', secretAccessKey: 'hanging-secret' };

  it('fails the scan’s sign-in once the request timeout has passed on every attempt', async () => {
    const started = Date.now();
    const scan = scanAccount(contextFor(endpoint, keys, { profile: 'wedged' }), {
      sink: new MemorySink(),
      limits: { requestTimeoutMs: 300, maxAttempts: 2 },
      sleep: () => Promise.resolve(),
    });
    await expect(scan).rejects.toBeInstanceOf(ScanAuthError);
    await expect(scan).rejects.toMatchObject({ profile: 'wedged', kind: 'network' });
    // Two attempts of 300 ms and the SDK's backoff between them; far from "forever".
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('makes Test Access report the profile as not connected instead of waiting', async () => {
    const report = await testAccess(contextFor(endpoint, keys, { profile: 'wedged' }), {
      clients: { requestTimeoutMs: 300, maxAttempts: 2 },
    });
    expect(report.status).toBe('ERROR');
    expect(report.authFailure?.summary).toMatch(/answer|time/i);
  });
});
