import { withoutUrlSecrets } from '../core/secret-text.ts';
import { readableMessage } from '../aws/readable-message.ts';
import { profileOption } from '../core/shell-words.ts';
import { visible } from './value-checks.ts';

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
    // The SDK's own error carries the raw HTTP exchange, signed headers and session token
    // included: keep only its name, message and status so nothing secret can be printed.
    // Values from the files are in messages: a control character in one must not reach the
    // terminal.
    super(
      visible(withoutUrlSecrets(message)),
      options.cause === undefined ? undefined : { cause: safeCause(options.cause) },
    );
    this.name = 'ProfileResolutionError';
    this.profile = profile;
    this.reason = reason;
    this.fixCommand = options.fixCommand;
  }
}

export const configureCommand = (profile: string): string =>
  `aws configure ${profileOption(profile)}`;
export const ssoLoginCommand = (profile: string): string =>
  `aws sso login ${profileOption(profile)}`;

/** The AWS error's name and message, without anything else the SDK attached. */
export function describeAwsError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return `${error.name}: ${readableMessage(error.message, status)}`;
  }
  return String(error);
}

/**
 * What an AWS error is (name, code, fault, HTTP status, message), without the request and
 * response it came with.
 */
export interface SafeAwsError extends Error {
  readonly code?: string;
  readonly Code?: string;
  readonly $fault?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

export function safeCause(error: unknown): SafeAwsError {
  if (!(error instanceof Error)) return new Error(String(error));
  const source = error as Error & Record<string, unknown>;
  const copy = new Error(error.message) as Error & Record<string, unknown>;
  copy.name = error.name;
  for (const key of ['code', 'Code', '$fault'] as const) {
    if (typeof source[key] === 'string') copy[key] = source[key];
  }
  const status = (source.$metadata as { httpStatusCode?: unknown } | undefined)?.httpStatusCode;
  if (typeof status === 'number') copy.$metadata = { httpStatusCode: status };
  delete copy.stack;
  return copy;
}
