import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appBackend } from './app-backend.ts';
import { bundleAssets } from './assets.ts';
import { buildDashboardApp } from './routes.ts';
import { newToken } from './security.ts';

export interface DashboardOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  readonly escherHome: string;
  /** 0 or absent: a free port the system picks. */
  readonly port?: number;
}

export interface Dashboard {
  /** The URL to open, token included: `http://127.0.0.1:PORT/?token=...`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Loopback only: the dashboard is never reachable from another machine. */
const HOST = '127.0.0.1';

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const backend = appBackend({
    env: options.env,
    homeDir: options.homeDir,
    escherHome: options.escherHome,
  });
  const assets = await bundleAssets();
  const token = newToken();
  let port = 0;
  const { app, refresh } = buildDashboardApp({ backend, assets, token, port: () => port });

  const server = createAdaptorServer({ fetch: app.fetch, hostname: HOST }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      await refresh.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
