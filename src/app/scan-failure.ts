import { withoutUrlSecrets } from '../core/secret-text.ts';
import { ScanAuthError } from '../scan/scan-types.ts';

/**
 * One line on why a profile's scan read nothing: the sign-in failure with its fix when the
 * scanner says authentication failed, else the error's own message, with any password or
 * token in a URL masked.
 */
export function scanFailureText(error: unknown): string {
  if (error instanceof ScanAuthError) return withoutUrlSecrets(withFix(error.message, error.fix));
  // A Node error may quote a proxy URL from the environment, password and all.
  const message = error instanceof Error ? error.message : String(error);
  return `the scan stopped: ${withoutUrlSecrets(message)}`;
}

/** The message and its fix, the fix said once: some messages already end with what to run. */
export function withFix(message: string, fix: string | undefined): string {
  return fix === undefined || fix === '' || message.includes(fix)
    ? message
    : `${message.replace(/[.;]\s*$/, '')}; fix: ${fix}`;
}
