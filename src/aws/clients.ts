import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { Readable } from 'node:stream';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { HttpHandler } from '@smithy/core/protocols';
import type { EndpointV2, Pluggable } from '@smithy/types';
import type { ServiceId } from '../core/services.ts';
import type { ProfileContext } from './profile-context.ts';
import { operationOfCommand, readOnlyGuard } from './read-only-guard.ts';
import { requestHandler } from './network.ts';
import { answerChecked } from './answer-check.ts';

export interface ServiceClients {
  sts: STSClient;
  ec2: EC2Client;
  s3: S3Client;
  s3_control: S3ControlClient;
  iam: IAMClient;
  rds: RDSClient;
  lambda: LambdaClient;
  cost_explorer: CostExplorerClient;
  cloudtrail: CloudTrailClient;
  cloudwatch: CloudWatchClient;
  cloudwatch_logs: CloudWatchLogsClient;
  organizations: OrganizationsClient;
  config_service: ConfigServiceClient;
  securityhub: SecurityHubClient;
  guardduty: GuardDutyClient;
}

/** What every client of one service is built from; `s3` adds path-style addressing. */
interface BaseConfig {
  region: string;
  credentials: ProfileContext['credentials'];
  endpoint?: string;
  maxAttempts: number;
  retryStrategy?: ConfiguredRetryStrategy;
  requestHandler: HttpHandler;
}

const FACTORIES: { [S in ServiceId]: (config: BaseConfig) => ServiceClients[S] } = {
  sts: (config) => new STSClient(config),
  ec2: (config) => new EC2Client(config),
  // Path-style for an endpoint such as moto's, where bucket host names do not resolve. Region
  // redirects are not followed silently: the S3 collector resolves each bucket's region first.
  s3: (config) => new S3Client({ ...config, forcePathStyle: config.endpoint !== undefined }),
  s3_control: (config) =>
    new S3ControlClient(
      config.endpoint === undefined
        ? config
        : { ...config, endpointProvider: s3ControlAt(config.endpoint, config.region) },
    ),
  iam: (config) => new IAMClient(config),
  rds: (config) => new RDSClient(config),
  lambda: (config) => new LambdaClient(config),
  cost_explorer: (config) => new CostExplorerClient(config),
  cloudtrail: (config) => new CloudTrailClient(config),
  cloudwatch: (config) => new CloudWatchClient(config),
  cloudwatch_logs: (config) => new CloudWatchLogsClient(config),
  organizations: (config) => new OrganizationsClient(config),
  config_service: (config) => new ConfigServiceClient(config),
  securityhub: (config) => new SecurityHubClient(config),
  guardduty: (config) => new GuardDutyClient(config),
};

/**
 * S3 Control's endpoint rules put the account id in front of the host name
 * (`111122223333.s3-control.…`), which breaks on an endpoint given as an address
 * (`http://127.0.0.1:4566`, an emulator or a proxy). For such an endpoint the request goes to
 * the URL as written, signed as S3 Control is signed: service `s3`, the client's region.
 */
function s3ControlAt(endpoint: string, region: string): () => EndpointV2 {
  const url = new URL(endpoint);
  return () => ({
    url,
    properties: {
      authSchemes: [{ name: 'sigv4', signingName: 's3', signingRegion: region, properties: {} }],
    },
  });
}

/** Admits a call when the caps allow it; `key` is `service:region`. */
export interface CallGate {
  run<T>(key: string, call: () => Promise<T>): Promise<T>;
}

export interface ClientOptions {
  /** Attempts per call, the first included; retries use the SDK's backoff with jitter. */
  readonly maxAttempts?: number;
  /** Delay before retry `attempt` (1-based); default: the SDK's standard jittered backoff. */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Longest wait for a response, per attempt. */
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
  /** Replaces the HTTP layer, per service and region; tests answer with real wire bodies. */
  readonly requestHandler?: (service: ServiceId, region: string) => HttpHandler;
  /** Concurrency caps, applied to each call including its retries. */
  readonly gate?: CallGate;
  /** A scan's cancel signal: no new call starts once it fires. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * One SDK client per service and region for one profile, each carrying the read-only guard.
 * `httpRequests` counts what was really sent, retries included.
 */
export class AwsClients {
  readonly #ctx: ProfileContext;
  readonly #options: ClientOptions;
  readonly #clients = new Map<string, ServiceClients[ServiceId]>();
  #httpRequests = 0;

  constructor(ctx: ProfileContext, options: ClientOptions = {}) {
    this.#ctx = ctx;
    this.#options = options;
  }

  get httpRequests(): number {
    return this.#httpRequests;
  }

  /** Whether calls of this service go to an endpoint the profile names (an emulator, a proxy). */
  hasCustomEndpoint(service: ServiceId): boolean {
    return this.#ctx.endpointFor(service) !== undefined;
  }

  get<S extends ServiceId>(service: S, region: string): ServiceClients[S] {
    const key = `${service}:${region}`;
    const existing = this.#clients.get(key);
    if (existing) return existing as ServiceClients[S];
    const client = this.#build(service, region);
    this.#clients.set(key, client);
    return client;
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }

  #build<S extends ServiceId>(service: S, region: string): ServiceClients[S] {
    const options = this.#options;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const endpoint = this.#ctx.endpointFor(service);
    const config: BaseConfig = {
      region,
      credentials: this.#ctx.credentials,
      maxAttempts,
      requestHandler:
        options.requestHandler?.(service, region) ??
        requestHandler(
          {
            ...(options.requestTimeoutMs === undefined
              ? {}
              : { requestTimeoutMs: options.requestTimeoutMs }),
            ...(options.connectionTimeoutMs === undefined
              ? {}
              : { connectionTimeoutMs: options.connectionTimeoutMs }),
          },
          this.#ctx.network,
        ),
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(options.retryDelayMs
        ? { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, options.retryDelayMs) }
        : {}),
    };
    const client = FACTORIES[service](config);
    const stack = client.middlewareStack as { use(plugin: Pluggable<object, object>): void };
    stack.use(readOnlyGuard(service));
    stack.use(answerChecked(service));
    stack.use(this.#gatePlugin(`${service}:${region}`));
    stack.use(this.#countPlugin());
    stack.use(keepErrorBodyPlugin);
    return client;
  }

  /** Caps and cancellation, after the guard: a refused command never waits for a slot. */
  #gatePlugin(key: string): Pluggable<object, object> {
    const { gate, signal } = this.#options;
    return {
      applyToStack(stack) {
        stack.add(
          (next) => (args) => {
            const send = () => {
              signal?.throwIfAborted();
              return next(args);
            };
            return gate ? gate.run(key, send) : send();
          },
          { step: 'initialize', priority: 'low', name: 'escherCallGate', override: true },
        );
      },
    };
  }

  /** The deserialize step runs once per attempt, so retries are counted as the calls they are. */
  #countPlugin(): Pluggable<object, object> {
    return {
      applyToStack: (stack) => {
        stack.add(
          (next) => (args) => {
            this.#httpRequests += 1;
            return next(args);
          },
          { step: 'deserialize', name: 'escherCountRequests', override: true },
        );
      },
    };
  }
}

export { operationOfCommand };

/** Where the text of an error answer is kept, on the error the SDK throws. */
export const ERROR_BODY_TEXT = '$responseBodyText';
const KEPT_BODY = 'escherErrorBody';

interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

/**
 * Keeps the text of an error answer (they are small) below the SDK's parser and hands it to the
 * error the parser throws: an answer the parser cannot read (an XML error where the protocol
 * wants JSON, as emulators and gateways send) still tells its code to the classifier.
 */
const keepErrorBodyPlugin: Pluggable<object, object> = {
  applyToStack(stack) {
    stack.add(
      (next, context: Record<string, unknown>) => async (args) => {
        const result = await next(args);
        const response = result.response as RawResponse;
        if ((response.statusCode ?? 200) < 400 || response.body === undefined) return result;
        const chunks: Buffer[] = [];
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          chunks.push(Buffer.from(chunk));
        }
        const text = Buffer.concat(chunks);
        context[KEPT_BODY] = text.toString('utf8');
        response.body = Readable.from([text]);
        return result;
      },
      { step: 'deserialize', priority: 'low', name: 'escherKeepErrorBody2', override: true },
    );
    stack.add(
      (next, context: Record<string, unknown>) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          const text = context[KEPT_BODY];
          if (typeof text === 'string' && typeof error === 'object' && error !== null) {
            (error as Record<string, unknown>)[ERROR_BODY_TEXT] ??= text;
          }
          throw error;
        }
      },
      { step: 'initialize', priority: 'low', name: 'escherAttachErrorBody2', override: true },
    );
  },
};
