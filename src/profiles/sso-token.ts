import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The SSO token cache that `aws sso login` writes: ~/.aws/sso/cache/<sha1(key)>.json, where
 * the key is the sso-session name, or the start URL for a legacy profile (field case C12).
 * The token itself is only ever passed on to AWS; it is never logged or returned to callers.
 */

export interface CachedSsoToken {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly refreshToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: string;
  readonly region?: string;
  readonly startUrl?: string;
}

export type SsoTokenState =
  | { readonly state: 'valid'; readonly file: string; readonly token: CachedSsoToken }
  /** Expired (or about to), but a refresh with CreateToken is possible. */
  | { readonly state: 'refreshable'; readonly file: string; readonly token: CachedSsoToken }
  | { readonly state: 'expired'; readonly file: string; readonly expiresAt: string }
  /** No usable token; `unreadable` when a file is there but is not what `aws sso login` writes. */
  | { readonly state: 'missing'; readonly file: string; readonly unreadable?: true };

/** Refresh a token this close to its expiry, as the SDK does, when a refresh is possible. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;

export function ssoCacheFile(homeDir: string, cacheKey: string): string {
  const hash = createHash('sha1').update(cacheKey).digest('hex');
  return path.join(homeDir, '.aws', 'sso', 'cache', `${hash}.json`);
}

/**
 * Reads the cached token and decides, locally, whether it can be used. Legacy profiles (no
 * sso-session) cannot refresh, so for them an expired token means a new login.
 */
export async function readSsoTokenState(
  homeDir: string,
  cacheKey: string,
  canRefresh: boolean,
  now: Date = new Date(),
): Promise<SsoTokenState> {
  const file = ssoCacheFile(homeDir, cacheKey);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { state: 'missing', file };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: 'missing', file, unreadable: true };
  }
  const token = (parsed ?? {}) as CachedSsoToken;
  if (typeof token.accessToken !== 'string' || typeof token.expiresAt !== 'string') {
    return { state: 'missing', file, unreadable: true };
  }
  const expiresAt = Date.parse(token.expiresAt);
  const left = Number.isNaN(expiresAt) ? -1 : expiresAt - now.getTime();
  const refreshable = canRefresh && isRefreshable(token, now);
  if (left > REFRESH_WINDOW_MS || (left > 0 && !refreshable)) {
    return { state: 'valid', file, token };
  }
  if (refreshable) return { state: 'refreshable', file, token };
  return { state: 'expired', file, expiresAt: token.expiresAt };
}

function isRefreshable(token: CachedSsoToken, now: Date): boolean {
  if (!token.refreshToken || !token.clientId || !token.clientSecret) return false;
  const registration = Date.parse(token.registrationExpiresAt ?? '');
  return !Number.isNaN(registration) && registration > now.getTime();
}

/** Writes a refreshed token back where `aws sso login` keeps it, as the SDK does. */
export async function writeSsoToken(file: string, token: CachedSsoToken): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(token, null, 2), { mode: 0o600 });
  await rename(temporary, file);
}
