import { ScanAuthError } from '../scan/scan-types.ts';

/**
 * One line on why a profile's scan read nothing: the sign-in failure with its fix when the
 * scanner says authentication failed, else the error's own message. The store redacts key ids
 * on the way in; SDK messages carry no secret values.
 */
export function scanFailureText(error: unknown): string {
  if (error instanceof ScanAuthError) return `${error.message}; fix: ${error.fix}`;
  const message = error instanceof Error ? error.message : String(error);
  return `the scan stopped: ${message}`;
}
