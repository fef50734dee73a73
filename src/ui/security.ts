import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The dashboard's guards. It listens on loopback only, but that alone is not enough: any web
 * page the user opens can send requests to 127.0.0.1, and a page on a hostile domain that
 * re-resolves to 127.0.0.1 (DNS rebinding) would even read the answers. So every request must
 * name our exact loopback host and port, and carry the token printed at start.
 */

/** The header the page sends its token in on every API call. */
export const TOKEN_HEADER = 'x-escher-token';

/** 32 random bytes, URL-safe: enough that guessing it over loopback is hopeless. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The Host values a browser sends when it really opened our printed URL. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Exactly one of the allowed hosts: no case folding, no missing port, no trailing dot. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host);
}

/**
 * A POST from a browser carries an Origin. When present it must be our own origin; a form on
 * another local port would otherwise ride on the cookie (cookies do not separate ports).
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin === `http://${host}`);
}

/** Constant-time comparison, so the answer time does not leak how much of a guess was right. */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const given = Buffer.from(candidate);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The cookie carries the token for what the browser loads by itself (the page, its script and
 * style), so the token leaves the address bar after the first load. Its name holds the port:
 * cookies on 127.0.0.1 are shared by every port, and two dashboards must not overwrite each
 * other's.
 */
export function cookieName(port: number): string {
  return `escher_ui_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Headers on every answer. The policy lets the page run only its own bundled script and style
 * and talk only to this server; no Access-Control-* header is ever sent, so other origins can
 * neither read answers nor pass a preflight for the token header.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};
