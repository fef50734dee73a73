import { Readable } from 'node:stream';
import type { HttpHandler } from '@smithy/core/protocols';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { ServiceId } from '../../../src/core/services.ts';

/** One request as it reached the wire, with the API operation read back from it. */
export interface WireRequest {
  readonly service: ServiceId;
  readonly region: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** S3 only: the bucket, from a virtual-hosted name or the path. */
  readonly bucket: string;
  readonly query: Readonly<Record<string, string | string[] | null>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An HTTP answer as AWS sends it: status, headers and the raw XML or JSON body. */
export interface WireAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Answers a request, or returns undefined to fall through to the default answer. */
export type WireRoute = (request: WireRequest) => WireAnswer | undefined;

/** REST operations are named by method and path (S3 by its sub-resource query key). */
function restOperation(
  service: ServiceId,
  method: string,
  path: string,
  query: object,
  bucket: string,
): string {
  const keys = Object.keys(query);
  if (service === 's3') {
    if (bucket === '') return 'ListBuckets';
    const sub = keys.find((key) =>
      ['location', 'policy', 'acl', 'publicAccessBlock', 'encryption', 'tagging'].includes(key),
    );
    const names: Record<string, string> = {
      location: 'GetBucketLocation',
      policy: 'GetBucketPolicy',
      acl: 'GetBucketAcl',
      publicAccessBlock: 'GetPublicAccessBlock',
      encryption: 'GetBucketEncryption',
      tagging: 'GetBucketTagging',
    };
    if (sub) return names[sub] ?? sub;
    return method === 'HEAD' ? 'HeadBucket' : `${method} ${path}`;
  }
  if (service === 's3_control' && path.endsWith('/configuration/publicAccessBlock')) {
    return method === 'GET' ? 'GetPublicAccessBlock' : 'PutPublicAccessBlock';
  }
  if (service === 'guardduty') {
    if (/^\/detector\/?$/.test(path)) return method === 'GET' ? 'ListDetectors' : 'CreateDetector';
    if (/^\/detector\/[^/]+$/.test(path))
      return method === 'GET' ? 'GetDetector' : 'UpdateDetector';
  }
  if (service === 'securityhub') {
    if (path === '/findings') return 'GetFindings';
    if (path === '/accounts') return method === 'GET' ? 'DescribeHub' : 'EnableSecurityHub';
  }
  if (service === 'lambda') {
    if (/\/functions\/?$/.test(path)) return 'ListFunctions';
    if (path.includes('/tags/')) return 'ListTags';
  }
  return `${method} ${path}`;
}

function bucketOf(service: ServiceId, request: HttpRequest): string {
  if (service !== 's3') return '';
  const hosted = /^(.+)\.s3[.-]/.exec(request.hostname)?.[1];
  return hosted ?? request.path.split('/')[1] ?? '';
}

function operationOf(service: ServiceId, request: HttpRequest, body: string): string {
  const target = request.headers['x-amz-target'];
  if (target) return target.split('.').pop() ?? target;
  const action = new URLSearchParams(body).get('Action');
  if (action) return action;
  const bucket = bucketOf(service, request);
  return restOperation(service, request.method, request.path, request.query, bucket);
}

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  }
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }
  return JSON.stringify(body);
}

/**
 * A stand-in for the SDK's HTTP layer that answers with real AWS wire bodies, so the SDK's own
 * deserializers, error parsing and retries run exactly as they do against AWS.
 */
export class WireMock {
  readonly requests: WireRequest[] = [];
  /** Highest number of requests in flight at once, per `service:region` and in all (`*`). */
  readonly peak = new Map<string, number>();
  /** Time each answer takes, so that concurrency can be observed. */
  latencyMs = 0;
  readonly #inFlight = new Map<string, number>();
  readonly #routes: WireRoute[] = [];
  readonly #fallback: (request: WireRequest) => WireAnswer;

  constructor(
    fallback: (request: WireRequest) => WireAnswer = () => ({ status: 200, body: '{}' }),
  ) {
    this.#fallback = fallback;
  }

  on(route: WireRoute): this {
    this.#routes.push(route);
    return this;
  }

  count(operation: string, region?: string): number {
    return this.requests.filter(
      (request) =>
        request.operation === operation && (region === undefined || request.region === region),
    ).length;
  }

  handlerFor = (service: ServiceId, region: string): HttpHandler => {
    const handle = async (request: HttpRequest) => {
      const body = await bodyText(request.body);
      const wire: WireRequest = {
        service,
        region,
        operation: operationOf(service, request, body),
        method: request.method,
        path: request.path,
        bucket: bucketOf(service, request),
        query: request.query,
        headers: request.headers,
        body,
      };
      this.requests.push(wire);
      const keys = [`${service}:${region}`, '*'];
      for (const key of keys) {
        const now = (this.#inFlight.get(key) ?? 0) + 1;
        this.#inFlight.set(key, now);
        this.peak.set(key, Math.max(now, this.peak.get(key) ?? 0));
      }
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      for (const key of keys) this.#inFlight.set(key, (this.#inFlight.get(key) ?? 1) - 1);
      // The route added last wins, so a test can override a shared default.
      const answer =
        this.#routes.reduceRight<WireAnswer | undefined>(
          (found, route) => found ?? route(wire),
          undefined,
        ) ?? this.#fallback(wire);
      const text = answer.body ?? '';
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          headers: { 'content-length': String(Buffer.byteLength(text)), ...answer.headers },
          body: Readable.from([Buffer.from(text)]),
        }),
      };
    };
    return {
      handle,
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
  };
}

/** The error bodies of each AWS protocol family, as the services send them. */
export const awsError = {
  /** EC2 query protocol. */
  ec2(status: number, code: string, message: string): WireAnswer {
    return {
      status,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code>` +
        `<Message>${message}</Message></Error></Errors>` +
        '<RequestID>5d1b3a4c-0000-4000-8000-000000000000</RequestID></Response>',
    };
  },
  /** IAM, STS, RDS (AWS query protocol). */
  query(status: number, code: string, message: string, type = 'Sender'): WireAnswer {
    return {
      status,
      headers: { 'content-type': 'text/xml' },
      body:
        `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}` +
        `</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
        '<RequestId>0c5bd31c-0000-4000-8000-000000000000</RequestId></ErrorResponse>',
    };
  },
  /** AWS JSON 1.0 / 1.1 protocols (CloudTrail, Logs, CE, Organizations, Config, CloudWatch). */
  json(status: number, code: string, message: string, prefix = ''): WireAnswer {
    return {
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': '7e0b3f2a-0000-4000-8000-000000000000',
      },
      body: JSON.stringify({ __type: `${prefix}${code}`, message }),
    };
  },
  /** REST JSON protocol (Security Hub, GuardDuty, Lambda). */
  restJson(status: number, code: string, message: string): WireAnswer {
    return {
      status,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': `${code}:http://internal.amazon.com/`,
      },
      body: JSON.stringify({ Code: code, Message: message, message }),
    };
  },
  /** S3 REST XML. */
  s3(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): WireAnswer {
    return {
      status,
      headers: { 'content-type': 'application/xml', ...headers },
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}` +
        '</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>host</HostId></Error>',
    };
  },
  /** S3 Control REST XML: unlike S3, it wraps the error in an ErrorResponse. */
  s3Control(status: number, code: string, message: string): WireAnswer {
    return {
      status,
      headers: { 'content-type': 'application/xml' },
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>${code}</Code>` +
        `<Message>${message}</Message></Error><RequestId>4442587FB7D0A2F9</RequestId>` +
        '<HostId>host</HostId></ErrorResponse>',
    };
  },
};

export const xml = (status: number, body: string): WireAnswer => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});

export const json = (body: unknown, status = 200): WireAnswer => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.1' },
  body: JSON.stringify(body),
});
