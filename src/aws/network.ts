import http from 'node:http';
import https from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * How requests leave the machine, as the AWS CLI sends them: through the proxy that
 * HTTPS_PROXY / HTTP_PROXY name (NO_PROXY excepted), trusting the certificates of `ca_bundle`
 * or AWS_CA_BUNDLE when one is set (a company's TLS-inspecting proxy, an emulator on https).
 * The SDK for JavaScript reads none of these itself.
 */
export interface NetworkSettings {
  /** The variables that name a proxy; the caller's environment, or a test's own. */
  readonly proxyEnv?: NodeJS.ProcessEnv;
  /** PEM certificates that replace the default trust store, as the CLI's bundle does. */
  readonly caBundle?: Buffer;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

export interface RequestLimits {
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
}

/** The SDK's as many sockets per client; kept alive, as the SDK keeps them. */
const MAX_SOCKETS = 50;

/**
 * The HTTP layer of one client. An endpoint that accepts the connection and never answers
 * fails the call at the request timeout instead of hanging it: the SDK's handler only logs a
 * warning when that time passes unless it is told to throw.
 */
export function requestHandler(
  limits: RequestLimits = {},
  network: NetworkSettings = {},
): NodeHttpHandler {
  const proxy = network.proxyEnv === undefined ? {} : { proxyEnv: network.proxyEnv };
  const agent = { keepAlive: true, maxSockets: MAX_SOCKETS, ...proxy };
  return new NodeHttpHandler({
    requestTimeout: limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    connectionTimeout: limits.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    throwOnRequestTimeout: true,
    httpAgent: new http.Agent(agent),
    httpsAgent: new https.Agent({
      ...agent,
      ...(network.caBundle === undefined ? {} : { ca: network.caBundle }),
    }),
  });
}
