import { ScanAuthError } from '../scan/scan-types.ts';

/**
 * One line on why a profile's scan read nothing: the sign-in failure with its fix when the
 * scanner says authentication failed, else the error's own message. The store redacts key ids
 * on the way in; SDK messages carry no secret values.
 */
export function scanFailureText(error: unknown): string {
  if (error instanceof ScanAuthError) return withFix(error.message, error.fix);
  const message = error instanceof Error ? error.message : String(error);
  return `the scan stopped: ${message}`;
}

/** The message and its fix, the fix said once: some messages already end with what to run. */
export function withFix(message: string, fix: string | undefined): string {
  return fix === undefined || fix === '' || message.includes(fix)
    ? message
    : `${message}; fix: ${fix}`;
}
