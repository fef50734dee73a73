import { profileArgument } from '../core/shell-words.ts';
import type { FailureKind } from '../core/status.ts';
import type { ServiceId } from '../core/services.ts';
import {
  ACCESS_DENIED,
  CERTIFICATE_CODES,
  PROXY_CONFIG_CODE,
  NETWORK_CODES,
  NOT_ENABLED,
  SIGN_IN_TROUBLE,
  THROTTLE_CODES,
  type NotEnabledCause,
  type SignInTrouble,
} from './error-codes.ts';
import { fixFor } from './failure-fix.ts';
import { ProfileResolutionError } from '../profiles/errors.ts';
import { findOperation } from './operations.ts';
import { readableMessage } from './readable-message.ts';
import { redactSecrets } from './redact.ts';

export { cloudTrailLookupCommand } from './failure-fix.ts';
export { THROTTLE_CODES, type NotEnabledCause, type SignInTrouble } from './error-codes.ts';

/**
 * The one place that decides what an AWS error is: its code and status, the kind of failure,
 * the kind of deny, throttling, sign-in failure, a service that is not enabled, an answer the
 * SDK could not parse. The scan's diagnostics and Test Access both read their answers from here
 * and only word them their own way.
 */

/** What the kind of a failure depends on besides the error: the service and where it was sent. */
export interface CallScope {
  readonly service: ServiceId;
  readonly region?: string;
  /** The profile's region: credentials refused elsewhere mean a region not enabled (C15). */
  readonly homeRegion?: string;
  /** A call to a regional endpoint; a global service's call is never about a region. */
  readonly regional?: boolean;
  /** The profile sends this service to its own endpoint (an emulator, a proxy). */
  readonly customEndpoint?: boolean;
}

/** The call that failed, as the caller knows it; the action comes from the table, never AWS. */
export interface FailedCallContext extends CallScope {
  readonly operation: string;
  readonly region: string;
  readonly profile: string;
  /** The profile's region: the CloudTrail look-up needs `--region` only elsewhere. */
  readonly homeRegion: string;
}

export interface ErrorClassification {
  readonly kind: FailureKind;
  readonly errorCode: string;
  readonly httpStatus?: number;
  /** For an explicit deny, the kind of policy AWS says denied it. */
  readonly deniedBy?: DeniedBy;
  /** The IAM action of the operation, from the table of read operations. */
  readonly action: string;
  readonly fix: string;
  /** AWS's message with anything secret-looking removed. */
  readonly message: string;
  readonly attempts?: number;
}

export type DeniedBy =
  | 'service control policy'
  | 'resource control policy'
  | 'identity-based policy'
  | 'resource-based policy'
  | 'permissions boundary'
  | 'session policy'
  | 'VPC endpoint policy';

interface RawError {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { headers?: Record<string, string | undefined> };
  $responseBodyText?: unknown;
}

/**
 * An answer with a status but no `$fault` is one the SDK could not parse as an AWS error; one
 * named `Unknown` is one it parsed without finding a code where the protocol puts it (moto's
 * S3 Control errors nest it one level deeper than AWS's).
 */
function isUnparseable(e: RawError): boolean {
  if (e.$metadata?.httpStatusCode === undefined) return false;
  return e.$fault === undefined || e.name === 'Unknown';
}

/**
 * An answer the SDK could not parse, read from its kept text: emulators and gateways send XML
 * errors to JSON APIs, and HTML pages.
 */
function fromBodyText(e: RawError): RawError {
  const body = e.$responseBodyText;
  if (!isUnparseable(e) || typeof body !== 'string') return e;
  const xmlCode = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  let json: { __type?: unknown; code?: unknown; Code?: unknown; message?: unknown } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    // Not JSON: XML or HTML.
  }
  const jsonType = text(json.__type) ?? text(json.code) ?? text(json.Code);
  const code = xmlCode ?? jsonType?.split('#').pop()?.split(':')[0];
  if (code === undefined) return e;
  const message = xmlMessage ?? text(json.message) ?? code;
  const status = e.$metadata?.httpStatusCode ?? 0;
  return { ...e, name: code, message, $fault: status >= 500 ? 'server' : 'client' };
}

function raw(error: unknown): RawError {
  return typeof error === 'object' && error !== null ? fromBodyText(error) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The AWS error code, else the Node error code, else the error's name. */
export function errorCodeOf(error: unknown): string {
  const e = raw(error);
  const name = text(e.name);
  const awsCode = text(e.Code) ?? (name && name !== 'Error' ? name : undefined);
  return awsCode ?? text(e.code) ?? name ?? 'UnknownError';
}

export function httpStatusOf(error: unknown): number | undefined {
  return raw(error).$metadata?.httpStatusCode;
}

/** A header of the HTTP answer that carried the error, e.g. S3's `x-amz-bucket-region`. */
export function responseHeader(error: unknown, header: string): string | undefined {
  return raw(error).$response?.headers?.[header];
}

/** How signing in went wrong, from the error's code; undefined when it did not. */
export function signInTroubleOf(error: unknown): SignInTrouble | undefined {
  return SIGN_IN_TROUBLE.get(errorCodeOf(error));
}

/**
 * An error answer with a body that holds no error code where every AWS protocol puts one
 * (`<Code>`, `__type`, `code`): a web page, a proxy's notice. The SDK still names such an
 * answer after its status (`NotFound`), so the code alone cannot tell.
 */
export function isForeignAnswer(error: unknown): boolean {
  const e = typeof error === 'object' && error !== null ? (error as RawError) : {};
  const body = e.$responseBodyText;
  if (e.$metadata?.httpStatusCode === undefined || typeof body !== 'string') return false;
  return body.trim() !== '' && !/<Code>|"__type"|"code"\s*:|"Code"\s*:/.test(body);
}

/** AWS refused to authorise the call: an access-denied code, or a 403 that is no sign-in error. */
export function isAccessDenied(error: unknown): boolean {
  const code = errorCodeOf(error);
  return ACCESS_DENIED.has(code) || (httpStatusOf(error) === 403 && !SIGN_IN_TROUBLE.has(code));
}

/** No answer came back: the connection failed or timed out, or this side refused it (TLS). */
export function isNetworkError(error: unknown): boolean {
  const e = raw(error);
  const errno = text(e.code);
  return (
    (errno !== undefined &&
      (NETWORK_CODES.has(errno) || CERTIFICATE_CODES.has(errno) || errno === PROXY_CONFIG_CODE)) ||
    errorCodeOf(error) === 'TimeoutError' ||
    (e.$metadata?.httpStatusCode === undefined &&
      /socket hang up|getaddrinfo|connect E[A-Z]+/i.test(text(e.message) ?? ''))
  );
}

/**
 * No answer came back, or none this side can read as one: a network failure, or a bare `Error`
 * without any HTTP status.
 */
export function isUnanswered(error: unknown): boolean {
  const bare = httpStatusOf(error) === undefined && errorCodeOf(error) === 'Error';
  return bare || isNetworkError(error);
}

/** The kind of policy an explicit deny names; AWS writes it into the message, nowhere else. */
export function deniedByOf(message: string): DeniedBy | undefined {
  const found = /explicit deny in an? ([a-z -]+?)(?: policy)?(?:[.,:;]|$| for| with)/i.exec(
    message,
  );
  if (!found?.[1]) return undefined;
  const words = found[1].toLowerCase();
  if (words.includes('service control')) return 'service control policy';
  if (words.includes('resource control')) return 'resource control policy';
  if (words.includes('identity')) return 'identity-based policy';
  if (words.includes('resource-based') || words.includes('resource based')) {
    return 'resource-based policy';
  }
  if (words.includes('boundary')) return 'permissions boundary';
  if (words.includes('session')) return 'session policy';
  if (words.includes('vpc endpoint')) return 'VPC endpoint policy';
  return undefined;
}

/**
 * The action AWS's message says was denied, when it names one: the action to grant comes from
 * the table, but an endpoint that checks another name (an emulator) says so only here.
 */
export function deniedActionOf(message: string): string | undefined {
  return /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
}

/** Whether AWS's message says the deny is explicit; it is the only place AWS says so. */
export function isExplicitDeny(message: string): boolean {
  return /explicit deny/i.test(message);
}

function isUnparsedAnswer(error: unknown, message: string): boolean {
  return raw(error).name === 'SyntaxError' || message.includes('Deserialization error');
}

/** What the error is, as far as the service and the place it was sent to can tell. */
export interface AwsErrorAssessment {
  readonly kind: FailureKind;
  readonly code: string;
  readonly httpStatus?: number;
  /** AWS's message as it came (callers that show it redact it). */
  readonly message: string;
  /** For `service-not-enabled`: why the service says it is off. */
  readonly notEnabled?: NotEnabledCause;
  /** For `auth-failed` and `region-not-enabled`: how signing in went wrong. */
  readonly signIn?: SignInTrouble;
  /** The answer had a status but the SDK could not parse it (an emulator's or gateway's page). */
  readonly unparseable: boolean;
}

export function assessAwsError(error: unknown, call: CallScope): AwsErrorAssessment {
  const e = raw(error);
  const code = errorCodeOf(error);
  const httpStatus = httpStatusOf(error);
  const message = text(e.message) ?? '';
  const signIn = SIGN_IN_TROUBLE.get(code);
  const facts = {
    code,
    message,
    unparseable: typeof error === 'object' && error !== null && isUnparseable(error),
    ...(httpStatus === undefined ? {} : { httpStatus }),
  };
  const notEnabled = NOT_ENABLED.get(code);
  // InvalidAccessException is Security Hub's way of saying it is off; elsewhere it is not.
  if (notEnabled && (notEnabled !== 'security-hub-off' || call.service === 'securityhub')) {
    return { ...facts, kind: 'service-not-enabled', notEnabled };
  }
  if (isAccessDenied(error)) {
    if (isExplicitDeny(message)) return { ...facts, kind: 'explicit-deny' };
    // C25: a payer that never opened Cost Explorer. Only a message naming a ce: action is a
    // permission problem.
    if (call.service === 'cost_explorer' && !/\bce:/i.test(message)) {
      return { ...facts, kind: 'service-not-enabled', notEnabled: 'cost-explorer-off' };
    }
    return { ...facts, kind: 'missing-permission' };
  }
  return { ...facts, ...otherKind(error, call, facts, signIn) };
}

function otherKind(
  error: unknown,
  call: CallScope,
  facts: { code: string; httpStatus?: number; message: string },
  signIn: SignInTrouble | undefined,
): { kind: FailureKind; signIn?: SignInTrouble } {
  const { code, httpStatus: status, message } = facts;
  if (THROTTLE_CODES.has(code) || status === 429) return { kind: 'throttled' };
  if (signIn === 'keys-rejected') {
    const elsewhere = call.regional === true && call.region !== call.homeRegion;
    return { kind: elsewhere ? 'region-not-enabled' : 'auth-failed', signIn };
  }
  if (signIn) return { kind: 'auth-failed', signIn };
  if (/could not load credentials|credential.*expired/i.test(message)) {
    return { kind: 'auth-failed', signIn: 'provider' };
  }
  if (code === 'NotImplemented' || code === 'NotImplementedException' || status === 501) {
    return { kind: 'not-implemented' };
  }
  if (/not (yet )?(been )?implemented/i.test(message)) return { kind: 'not-implemented' };
  // An emulator answers an operation it lacks with an HTML 404 or 500 page, which no AWS API
  // sends; against AWS the same thing is a service error.
  if (
    call.customEndpoint === true &&
    (status === 404 || status === 500) &&
    isUnparsedAnswer(error, message)
  ) {
    return { kind: 'not-implemented' };
  }
  if (isNetworkError(error)) return { kind: 'network' };
  return { kind: 'service-error' };
}

export function kindOf(error: unknown, call: CallScope): FailureKind {
  return assessAwsError(error, call).kind;
}

/** Turns a failed SDK call into what the diagnostics show: kind, code, action and fix. */
export function classifyError(error: unknown, call: FailedCallContext): ErrorClassification {
  if (error instanceof ProfileResolutionError) return localCredentialFailure(error, call);
  const e = raw(error);
  const { kind, code: errorCode, httpStatus } = assessAwsError(error, call);
  const message = redactSecrets(readableMessage(text(e.message) ?? errorCode, httpStatus));
  const deniedBy = kind === 'explicit-deny' ? deniedByOf(message) : undefined;
  const action = findOperation(call.service, call.operation)?.action ?? 'not in the table';
  const attempts = e.$metadata?.attempts;
  const named = kind === 'missing-permission' ? deniedActionOf(message) : undefined;
  return {
    kind,
    errorCode,
    action,
    message,
    fix: fixFor(kind, call, action, errorCode, deniedBy, attempts, named),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(deniedBy === undefined ? {} : { deniedBy }),
    ...(attempts === undefined ? {} : { attempts }),
  };
}

/**
 * The profile's credentials could not be produced here (a failing credential_process, an
 * expired SSO login): nothing reached AWS, so its own message and fix are what the user needs.
 */
function localCredentialFailure(
  error: ProfileResolutionError,
  call: FailedCallContext,
): ErrorClassification {
  return {
    kind: 'auth-failed',
    errorCode: error.reason,
    action: findOperation(call.service, call.operation)?.action ?? 'not in the table',
    message: redactSecrets(error.message),
    fix:
      error.fixCommand ??
      `fix the credentials of profile ${error.profile}, then run escher profiles test ${profileArgument(error.profile)}`,
  };
}
