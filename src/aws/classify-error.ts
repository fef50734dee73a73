import type { FailureKind } from '../core/status.ts';
import type { ServiceId } from '../core/services.ts';
import { findOperation } from './operations.ts';
import { redactSecrets } from './redact.ts';

/** The call that failed, as the caller knows it; the action comes from the table, never AWS. */
export interface FailedCallContext {
  readonly service: ServiceId;
  readonly operation: string;
  readonly region: string;
  readonly profile: string;
  /** The profile's region: the CloudTrail look-up needs `--region` only elsewhere. */
  readonly homeRegion: string;
  /** A call to a regional endpoint; a global service's call is never about a region. */
  readonly regional?: boolean;
  /** The profile sends this service to its own endpoint (an emulator, a proxy). */
  readonly customEndpoint?: boolean;
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

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  'ForbiddenException',
  'NotAuthorized',
]);

/** C29: every code AWS uses to say "slow down". */
export const THROTTLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
]);

/** Credentials that are rejected outright; in a region other than the profile's own (C15) the
 * same codes mean the account has not enabled that region. */
const CREDENTIALS_REJECTED = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
]);

const AUTH_FAILED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
  'TokenProviderError',
  'ProviderError',
  'InvalidGrantException',
  'UnauthorizedException',
]);

const NOT_ENABLED = new Set([
  'InvalidAccessException', // Security Hub: account not subscribed in this region (C26)
  'AWSOrganizationsNotInUseException', // standalone account (C28)
  'OptInRequired',
  'SubscriptionRequiredException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

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
 * An answer the SDK could not parse (it has a status but no `$fault`), read from its kept
 * text: emulators and gateways send XML errors to JSON APIs, and HTML pages.
 */
function fromBodyText(e: RawError): RawError {
  const body = e.$responseBodyText;
  if (e.$fault !== undefined || e.$metadata?.httpStatusCode === undefined) return e;
  if (typeof body !== 'string') return e;
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
  const status = e.$metadata.httpStatusCode;
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

/** The kind of policy an explicit deny names; AWS writes it into the message, nowhere else. */
function deniedByOf(message: string): DeniedBy | undefined {
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

function isUnparsedAnswer(error: unknown, message: string): boolean {
  return raw(error).name === 'SyntaxError' || message.includes('Deserialization error');
}

export function kindOf(error: unknown, call: FailedCallContext): FailureKind {
  const e = raw(error);
  const code = errorCodeOf(error);
  const status = httpStatusOf(error);
  const message = text(e.message) ?? '';
  const signIn = CREDENTIALS_REJECTED.has(code) || AUTH_FAILED.has(code);
  if (ACCESS_DENIED.has(code) || (status === 403 && !signIn)) {
    if (/explicit deny/i.test(message)) return 'explicit-deny';
    // C25: a payer that never opened Cost Explorer. Only a message naming a ce: action is a
    // permission problem.
    if (call.service === 'cost_explorer' && !/\bce:/i.test(message)) return 'service-not-enabled';
    return 'missing-permission';
  }
  if (THROTTLE_CODES.has(code) || status === 429) return 'throttled';
  if (CREDENTIALS_REJECTED.has(code)) {
    const elsewhere = call.regional === true && call.region !== call.homeRegion;
    return elsewhere ? 'region-not-enabled' : 'auth-failed';
  }
  if (AUTH_FAILED.has(code) || /could not load credentials|credential.*expired/i.test(message)) {
    return 'auth-failed';
  }
  if (NOT_ENABLED.has(code)) return 'service-not-enabled';
  if (code === 'NotImplemented' || code === 'NotImplementedException' || status === 501) {
    return 'not-implemented';
  }
  if (/not (yet )?(been )?implemented/i.test(message)) return 'not-implemented';
  // An emulator answers an operation it lacks with an HTML 404 or 500 page, which no AWS API
  // sends; against AWS the same thing is a service error.
  if (
    call.customEndpoint === true &&
    (status === 404 || status === 500) &&
    isUnparsedAnswer(error, message)
  ) {
    return 'not-implemented';
  }
  const errno = text(e.code);
  if (
    (errno && NETWORK_CODES.has(errno)) ||
    code === 'TimeoutError' ||
    (status === undefined && /socket hang up|getaddrinfo|connect E[A-Z]+/i.test(message))
  ) {
    return 'network';
  }
  return 'service-error';
}

/** `aws cloudtrail lookup-events …`, as the seed's troubleshooting section prints it. */
export function cloudTrailLookupCommand(call: FailedCallContext): string {
  const region = call.region !== call.homeRegion && call.region !== 'global';
  return (
    'aws cloudtrail lookup-events --lookup-attributes ' +
    `AttributeKey=EventName,AttributeValue=${call.operation} --profile ${call.profile}` +
    (region ? ` --region ${call.region}` : '')
  );
}

const WHO_LIFTS: Record<DeniedBy | 'unknown', string> = {
  'service control policy':
    'An administrator of the organization’s management account must change the SCP ' +
    'attached to this account or its OU.',
  'resource control policy':
    'An administrator of the organization’s management account must change the RCP.',
  'identity-based policy':
    'Whoever manages this principal’s IAM policies must remove the Deny statement.',
  'resource-based policy': 'The owner of the resource must change its resource policy.',
  'permissions boundary':
    'The IAM administrator who set this principal’s permissions boundary must allow it.',
  'session policy':
    'Whoever creates the session (the session policy or SSO permission set) must allow it.',
  'VPC endpoint policy': 'The owner of the VPC endpoint must change its endpoint policy.',
  unknown: 'The administrator of the policy that denies it must lift the deny.',
};

const NOT_ENABLED_FIX: Partial<Record<ServiceId, string>> = {
  cost_explorer:
    'Cost Explorer is not enabled for this account (a payer setting); no IAM action fixes it. ' +
    'Enable it at: AWS Console → Billing → Cost Explorer → Enable Cost Explorer.',
  securityhub:
    'Security Hub is not enabled in REGION; no permission fixes it. Enable Security Hub there to see its findings.',
  organizations: 'This account is not in an AWS organization; there is nothing to fix.',
  guardduty: 'GuardDuty has no detector in REGION; enable GuardDuty there to see it.',
};

function fixFor(
  kind: FailureKind,
  call: FailedCallContext,
  action: string,
  code: string,
  deniedBy: DeniedBy | undefined,
  attempts: number | undefined,
): string {
  const lookup = `To see the denied call: ${cloudTrailLookupCommand(call)}`;
  const where = call.region === 'global' ? '' : ` in ${call.region}`;
  switch (kind) {
    case 'missing-permission':
      return `Add ${action} to the IAM policy of the principal that profile ${call.profile} uses (escher policy prints the whole policy). ${lookup}`;
    case 'explicit-deny':
      return `${action} is blocked by an explicit deny${deniedBy ? ` in a ${deniedBy}` : ''}; adding it to the principal’s own policy will not help. ${WHO_LIFTS[deniedBy ?? 'unknown']} ${lookup}`;
    case 'service-not-enabled':
      return (
        NOT_ENABLED_FIX[call.service]?.replace('REGION', call.region) ??
        `${call.service} is not enabled for this account${where}; no permission fixes it.`
      );
    case 'region-not-enabled':
      return `Region ${call.region} is not enabled for this account, so it is skipped. Enable it under Account → AWS Regions if you use it.`;
    case 'throttled':
      return `AWS throttled ${call.operation}${where} even after ${attempts ?? 'several'} attempts; what it would have returned is missing, not empty. Run the scan again later.`;
    case 'not-implemented':
      return `The endpoint this profile points at does not implement ${call.operation}; AWS itself does. This data cannot be read from that endpoint.`;
    case 'auth-failed':
      return `The credentials of profile ${call.profile} were rejected (${code}). Run aws configure --profile ${call.profile} (access keys) or aws sso login --profile ${call.profile} (SSO), then try again.`;
    case 'network':
      return `Could not reach the ${call.service} endpoint${where} (${code}). Check the network, a proxy, or the profile’s endpoint_url, then run the scan again.`;
    case 'service-error':
      return `AWS answered ${call.operation}${where} with ${code}; run the scan again. If it persists, check the AWS Health Dashboard.`;
  }
}

/** Turns a failed SDK call into what the diagnostics show: kind, code, action and fix. */
export function classifyError(error: unknown, call: FailedCallContext): ErrorClassification {
  const e = raw(error);
  const kind = kindOf(error, call);
  const errorCode = errorCodeOf(error);
  const httpStatus = httpStatusOf(error);
  const message = redactSecrets(text(e.message) ?? errorCode);
  const deniedBy = kind === 'explicit-deny' ? deniedByOf(message) : undefined;
  const action = findOperation(call.service, call.operation)?.action ?? 'not in the table';
  const attempts = e.$metadata?.attempts;
  return {
    kind,
    errorCode,
    action,
    message,
    fix: fixFor(kind, call, action, errorCode, deniedBy, attempts),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(deniedBy === undefined ? {} : { deniedBy }),
    ...(attempts === undefined ? {} : { attempts }),
  };
}
