import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { testAccess } from '../../src/access/index.ts';
import { scanAccount } from '../../src/scan/scan-account.ts';
import { useMoto } from '../helpers/moto.ts';
import { contextFor, MemorySink } from '../scan/helpers/memory-sink.ts';

/**
 * "Nothing leaves the machine except the AWS calls, to the endpoints the profile points at."
 * Node announces every outgoing HTTP request on a diagnostics channel; listening there sees
 * what the SDK really sends, whatever client or handler sent it.
 */
function recordRequests(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const listener = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    hosts.push(request.host);
  };
  subscribe('http.client.request.start', listener);
  return { hosts, stop: () => unsubscribe('http.client.request.start', listener) };
}

describe('nothing leaves the machine', () => {
  const moto = useMoto();
  const keys = { accessKeyId: 'AKIALOOPBACKTEST0001', secretAccessKey: 'loopback-secret' };

  it('a full scan and Test Access send every request to the profile’s endpoint only', async () => {
    const recorder = recordRequests();
    try {
      const context = contextFor(moto.endpoint, keys, { profile: 'loopback' });
      await scanAccount(context, { sink: new MemorySink(), sleep: () => Promise.resolve() });
      await testAccess(context);
    } finally {
      recorder.stop();
    }
    expect(recorder.hosts.length).toBeGreaterThan(50);
    expect([...new Set(recorder.hosts)]).toEqual(['127.0.0.1']);
  });
});
