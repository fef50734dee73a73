import { Readable } from 'node:stream';
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

type Handler = (args: unknown) => Promise<{ response: RawResponse }>;
type Middleware = (next: Handler, context: Record<string, unknown>) => Handler;

interface Sender {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  middlewareStack: { add(middleware: Middleware, options: object): void };
}

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const BODY_TEXT = 'escherErrorBodyText';

/**
 * Keeps the text of an error answer (they are small), below the SDK's parser, so that an answer
 * the parser cannot read (an XML error where the protocol wants JSON, as emulators and gateways
 * send) still gives its code.
 */
const keepErrorBody: Middleware = (next, context) => async (args) => {
  const result = await next(args);
  const { response } = result;
  if ((response.statusCode ?? 200) < 400 || response.body === undefined) return result;
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk));
  }
  const text = Buffer.concat(chunks).toString('utf8');
  context[BODY_TEXT] = text;
  response.body = Readable.from([Buffer.from(text)]);
  return result;
};

/** Hands the kept text to the error the parser threw, where the classifier looks for it. */
const attachErrorBody: Middleware = (next, context) => async (args) => {
  try {
    return await next(args);
  } catch (error) {
    const text = context[BODY_TEXT];
    if (typeof text === 'string' && typeof error === 'object' && error !== null) {
      const record = error as { $responseBodyText?: string };
      record.$responseBodyText ??= text;
    }
    throw error;
  }
};

/**
 * Test Access's calls, on the shared clients (read-only guard, retries with jittered backoff
 * on every throttling code). Only reads of the table can be named here.
 */
export class AccessClients {
  readonly #clients: AwsClients;
  readonly #prepared = new WeakSet<object>();

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
    if (!this.#prepared.has(client)) {
      client.middlewareStack.add(keepErrorBody, {
        step: 'deserialize',
        priority: 'low',
        name: 'escherKeepErrorBody',
      });
      client.middlewareStack.add(attachErrorBody, {
        step: 'initialize',
        priority: 'low',
        name: 'escherAttachErrorBody',
      });
      this.#prepared.add(client);
    }
    return client.send(new Command(input), signal ? { abortSignal: signal } : {});
  }

  destroy(): void {
    this.#clients.destroy();
  }
}
