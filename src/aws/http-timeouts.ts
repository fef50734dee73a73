/**
 * Time limits for every request Escher sends. An endpoint that accepts the connection and never
 * answers must fail the call, not hang the scan: the SDK's handler only logs a warning when the
 * request timeout passes unless it is told to throw.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

export interface HttpTimeouts {
  readonly requestTimeout: number;
  readonly connectionTimeout: number;
  readonly throwOnRequestTimeout: true;
}

export function httpTimeouts(
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  connectionTimeoutMs = DEFAULT_CONNECTION_TIMEOUT_MS,
): HttpTimeouts {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: connectionTimeoutMs,
    throwOnRequestTimeout: true,
  };
}
