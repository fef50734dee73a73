import { CliError } from '../cli/cli-error.ts';

/** A refusal or bad request the dashboard answers with this status and message. */
export class HttpError extends Error {
  readonly status: 400 | 403 | 404 | 405 | 409 | 415;

  constructor(status: HttpError['status'], message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
  }
}

/**
 * CliErrors are the app layer's "you asked for something wrong" (unknown profile, bad note),
 * so they are the caller's fault (400); anything else is ours (500).
 */
export function statusOf(error: unknown): 400 | 403 | 404 | 405 | 409 | 415 | 500 {
  if (error instanceof HttpError) return error.status;
  // ProfileResolutionError carries a fixCommand: the profile, not the server, is at fault.
  if (error instanceof CliError || (error instanceof Error && 'fixCommand' in error)) return 400;
  return 500;
}

/** Access key ids look like this; a message that somehow holds one must not show it. */
const KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;

/** The message only: never a stack, never something that looks like a key id. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(KEY_ID, '[redacted]');
}
