import { AwsClients, type ClientOptions } from '../aws/clients.ts';
import { requireOperation } from '../aws/operations.ts';
import type { ProfileContext } from '../aws/profile-context.ts';
import type { ServiceId } from '../core/services.ts';
import { COMMANDS } from './commands.ts';

/** Raised for a read of the table that Test Access does not know how to call yet. */
export class UnknownCommandError extends Error {
  constructor(key: string) {
    super(`Test Access has no SDK command for ${key}`);
    this.name = 'UnknownCommandError';
  }
}

interface Sender {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * Test Access's calls, on the shared clients (read-only guard, retries with jittered backoff on every
 * throttling code, the text of an error answer kept for the classifier). Only reads of the table can be named here.
 */
export class AccessClients {
  readonly #clients: AwsClients;

  constructor(ctx: ProfileContext, options: ClientOptions = {}) {
    this.#clients = new AwsClients(ctx, options);
  }

  async send(
    service: ServiceId,
    operation: string,
    input: object,
    region: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    requireOperation(service, operation);
    const key = `${service}:${operation}`;
    const Command = COMMANDS[key] as (new (input: object) => object) | undefined;
    if (!Command) throw new UnknownCommandError(key);
    const client = this.#clients.get(service, region) as unknown as Sender;
    return client.send(new Command(input), signal ? { abortSignal: signal } : {});
  }

  destroy(): void {
    this.#clients.destroy();
  }
}
