/**
 * Why a profile could not be turned into credentials. The message names the profile and the
 * file or setting at fault, never a secret; `fixCommand` is what the user should run, if a
 * command fixes it.
 */
export type ProfileResolutionReason =
  | 'not-found'
  | 'no-credentials'
  | 'invalid-profile'
  | 'sso-expired'
  | 'sso-failed'
  | 'assume-role-failed'
  | 'web-identity-failed'
  | 'credential-process-failed'
  | 'credential-source-failed';

export class ProfileResolutionError extends Error {
  readonly profile: string;
  readonly reason: ProfileResolutionReason;
  readonly fixCommand: string | undefined;

  constructor(
    profile: string,
    reason: ProfileResolutionReason,
    message: string,
    options: { fixCommand?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProfileResolutionError';
    this.profile = profile;
    this.reason = reason;
    this.fixCommand = options.fixCommand;
  }
}

export const configureCommand = (profile: string): string =>
  `aws configure --profile ${quoteArg(profile)}`;
export const ssoLoginCommand = (profile: string): string =>
  `aws sso login --profile ${quoteArg(profile)}`;

/** Quotes a profile name for a shell only when it needs it (names may hold spaces). */
function quoteArg(value: string): string {
  return /^[A-Za-z0-9\-_/.%@:+]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The AWS error's name and message, without anything else the SDK attached. */
export function describeAwsError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
