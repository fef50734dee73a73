import { afterAll, beforeAll } from 'vitest';
import { MotoMissingError, startMoto, type MotoServer } from '../../src/emulator/moto-server.ts';
import {
  BOOTSTRAP_REQUESTS,
  bootstrapAdmin,
  type EmulatorCredentials,
} from '../../src/demo/emulator-target.ts';

export interface MotoFixture {
  readonly server: MotoServer;
  readonly endpoint: string;
  /** The bootstrap admin's keys (policy `Action: *`); only in IAM-enforcing mode. */
  readonly admin: EmulatorCredentials;
}

export interface UseMotoOptions {
  /**
   * Start moto so that every call after the bootstrap admin exists is checked against IAM,
   * and a caller whose policy lacks an action gets AWS's AccessDenied.
   */
  readonly enforceIam?: boolean;
}

/**
 * Gives the calling test file its own moto_server on a free loopback port: started in
 * `beforeAll`, stopped in `afterAll` (which vitest runs when tests fail too). Read the fixture's
 * fields inside tests or hooks, not at module level.
 */
export function useMoto(options: UseMotoOptions = {}): MotoFixture {
  let server: MotoServer | undefined;
  let admin: EmulatorCredentials | undefined;

  beforeAll(async () => {
    try {
      server = await startMoto(options.enforceIam ? { enforceIamAfter: BOOTSTRAP_REQUESTS } : {});
    } catch (error) {
      // One line, no stack: the fix is to install moto, not to read our code.
      if (error instanceof MotoMissingError) throw oneLine(error.message);
      throw error;
    }
    if (options.enforceIam) admin = (await bootstrapAdmin(server.endpoint)).credentials;
  });

  afterAll(async () => {
    await server?.stop();
  });

  const started = (): MotoServer => {
    if (!server) throw new Error('moto is not running yet: use the fixture inside a test or hook');
    return server;
  };
  return {
    get server() {
      return started();
    },
    get endpoint() {
      return started().endpoint;
    },
    get admin() {
      started();
      if (!admin) throw new Error('useMoto({ enforceIam: true }) is needed for admin credentials');
      return admin;
    },
  };
}

/**
 * Starts moto for a test (and, in IAM-enforcing mode, its bootstrap admin). Without moto it
 * fails at once with one line saying how to install it.
 */
export async function startTestMoto(
  options: UseMotoOptions = {},
): Promise<{ server: MotoServer; admin?: EmulatorCredentials }> {
  let server: MotoServer;
  try {
    server = await startMoto(options.enforceIam ? { enforceIamAfter: BOOTSTRAP_REQUESTS } : {});
  } catch (error) {
    // One line, no stack: the fix is to install moto, not to read our code.
    if (error instanceof MotoMissingError) throw oneLine(error.message);
    throw error;
  }
  if (!options.enforceIam) return { server };
  try {
    return { server, admin: (await bootstrapAdmin(server.endpoint)).credentials };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function oneLine(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
