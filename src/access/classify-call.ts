import type { ReadOperation } from '../aws/operations.ts';
import type { CheckOutcome } from './types.ts';

/** What Test Access needs to know of a failed call, read from the SDK error's structure. */
export interface CallErrorFacts {
  readonly code: string;
  readonly httpStatus?: number;
  readonly message: string;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
]);

/** Codes that mean the request was not signed by credentials AWS accepts. */
export const AUTH_FAILED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'InvalidToken',
  'RequestExpired',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'RequestTimeTooSkewed',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'TimeoutError',
]);

/** The code, status and message of anything the SDK or the network threw. */
export function errorFacts(error: unknown): CallErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { code: 'Unknown', message: String(error) };
  }
  const record = error as {
    name?: unknown;
    code?: unknown;
    Code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $responseBodyText?: unknown;
    $fault?: unknown;
  };
  const status = record.$metadata?.httpStatusCode;
  const httpStatus = typeof status === 'number' ? { httpStatus: status } : {};
  // An answer with a status but no `$fault` is one the SDK could not parse as an AWS error.
  if (httpStatus.httpStatus !== undefined && record.$fault === undefined) {
    const text = typeof record.$responseBodyText === 'string' ? record.$responseBodyText : '';
    return { ...unreadableBody(text, httpStatus.httpStatus), ...httpStatus };
  }
  // Node puts system errors (ECONNREFUSED) in `code`; the SDK puts the AWS code in `name`.
  const nodeCode = typeof record.code === 'string' ? record.code : undefined;
  const name = typeof record.name === 'string' ? record.name : undefined;
  const awsCode = typeof record.Code === 'string' ? record.Code : undefined;
  const code =
    nodeCode && NETWORK_CODES.has(nodeCode) ? nodeCode : (awsCode ?? name ?? nodeCode ?? 'Error');
  return {
    code,
    ...httpStatus,
    message: typeof record.message === 'string' ? record.message : '',
  };
}

/**
 * A body the SDK could not parse: an XML error where the protocol wants JSON (gateways and
 * emulators answer so). Its `<Code>` is read; failing that, a 403 is a refused authorisation,
 * which is what AWS means by that status.
 */
function unreadableBody(text: string, status?: number): { code: string; message: string } {
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '';
  if (code) return { code, message };
  return { code: status === 403 ? 'AccessDenied' : 'UnreadableResponse', message };
}

export function isNetworkFailure(facts: CallErrorFacts): boolean {
  return (
    NETWORK_CODES.has(facts.code) || (facts.httpStatus === undefined && facts.code === 'Error')
  );
}

/**
 * The policy type of an explicit deny, in AWS's words ("service control policy",
 * "identity-based policy", "permissions boundary", ...). The message is read only for this:
 * whether the call failed, and why, comes from the code.
 */
export function explicitDenyOf(message: string): { policyType?: string } | undefined {
  if (!/explicit deny/i.test(message)) return undefined;
  const match = /explicit deny in (?:an? )?([a-z][a-z -]*?(?:policy|boundary))\b/i.exec(message);
  return match?.[1] ? { policyType: match[1].toLowerCase() } : {};
}

/** How a failed read of the table answered a question about permissions. */
export function classifyCallError(error: unknown, operation: ReadOperation): CheckOutcome {
  const facts = errorFacts(error);
  const notEnabled = notEnabledReason(facts, operation);
  if (notEnabled) return { kind: 'not-enabled', reason: notEnabled };
  if (ACCESS_DENIED.has(facts.code)) {
    const deny = explicitDenyOf(facts.message);
    return deny ? { kind: 'denied', ...deny } : { kind: 'missing' };
  }
  if (THROTTLED.has(facts.code)) {
    return { kind: 'unverified', reason: `still throttled after retries (${facts.code})` };
  }
  if (AUTH_FAILED.has(facts.code)) {
    return {
      kind: 'unverified',
      reason: `AWS refused the request's signature or credentials (${facts.code})`,
    };
  }
  if (isNetworkFailure(facts)) {
    return { kind: 'unverified', reason: `no answer from the endpoint (${facts.code})` };
  }
  // Any other answer (no such resource, report not ready, even a server error) came after
  // AWS authorised the call: authorisation is the first thing a service does with a request.
  return { kind: 'allowed' };
}

function notEnabledReason(facts: CallErrorFacts, operation: ReadOperation): string | undefined {
  if (facts.code === 'AWSOrganizationsNotInUseException') {
    return 'standalone account: it belongs to no organization';
  }
  if (facts.code === 'OptInRequired' || facts.code === 'SubscriptionRequiredException') {
    return 'the account has not signed up for this service';
  }
  if (operation.service === 'securityhub' && facts.code === 'InvalidAccessException') {
    return 'Security Hub is not enabled';
  }
  // Cost Explorer answers AccessDeniedException both for a missing ce: action and for an
  // account whose payer never opened Cost Explorer; only the first names the action.
  if (
    operation.service === 'cost_explorer' &&
    facts.code === 'AccessDeniedException' &&
    !facts.message.includes('ce:')
  ) {
    return 'Cost Explorer is not enabled for this account (a setting of the paying account)';
  }
  return undefined;
}
