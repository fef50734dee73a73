import { assertLocalEndpoint, type EmulatorTarget } from './emulator-target.ts';

/** SDK client settings for the emulator: its endpoint, the given keys, path-style S3. */
export interface EmulatorClientConfig {
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly forcePathStyle: boolean;
  readonly maxAttempts: number;
}

export function emulatorClientConfig(target: EmulatorTarget, region: string): EmulatorClientConfig {
  assertLocalEndpoint(target.endpoint);
  return {
    region,
    endpoint: target.endpoint,
    credentials: target.credentials,
    // moto serves every bucket on one host, so the bucket goes in the path.
    forcePathStyle: true,
    maxAttempts: 3,
  };
}

/** A client that can be destroyed; every SDK v3 client is one. */
interface Destroyable {
  destroy(): void;
}

/**
 * Creates SDK clients on demand, one per class and region, and destroys them all at the end,
 * so a builder that touches many regions does not leave sockets open.
 */
export class ClientPool {
  private readonly target: EmulatorTarget;
  private readonly clients = new Map<string, Destroyable>();

  constructor(target: EmulatorTarget) {
    this.target = target;
  }

  get<C extends Destroyable>(
    ClientClass: new (config: EmulatorClientConfig) => C,
    region = 'us-east-1',
  ): C {
    const key = `${ClientClass.name}:${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new ClientClass(emulatorClientConfig(this.target, region));
      this.clients.set(key, client);
    }
    return client as C;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
