/**
 * The codes AWS (and Node, for the network) uses for each kind of failure. Only
 * classify-error.ts reads these tables: it is the one place that decides what an error is.
 */

export const ACCESS_DENIED = new Set([
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

/** How signing in went wrong, when it did. */
export type SignInTrouble =
  /** AWS does not know the access key (C15: elsewhere than the home region, the region is off). */
  | 'keys-rejected'
  /** The session token or the signed request has expired. */
  | 'expired'
  /** AWS refused the request's signature. */
  | 'signature'
  /** The SSO portal refused the SSO token: the session has expired. */
  | 'sso'
  /** No credentials reached AWS: a credential or token provider failed on this side. */
  | 'provider';

export const SIGN_IN_TROUBLE = new Map<string, SignInTrouble>([
  ['AuthFailure', 'keys-rejected'],
  ['InvalidClientTokenId', 'keys-rejected'],
  ['UnrecognizedClientException', 'keys-rejected'],
  ['InvalidAccessKeyId', 'keys-rejected'],
  ['ExpiredToken', 'expired'],
  ['ExpiredTokenException', 'expired'],
  ['RequestExpired', 'expired'],
  ['SignatureDoesNotMatch', 'signature'],
  ['InvalidSignatureException', 'signature'],
  ['IncompleteSignature', 'signature'],
  ['MissingAuthenticationToken', 'signature'],
  ['InvalidToken', 'signature'],
  ['RequestTimeTooSkewed', 'signature'],
  ['TokenRefreshRequired', 'provider'],
  ['CredentialsProviderError', 'provider'],
  ['TokenProviderError', 'provider'],
  ['ProviderError', 'provider'],
  ['InvalidGrantException', 'sso'],
  ['UnauthorizedException', 'sso'],
]);

/** Why a service answers that it is off; no permission changes that. */
export type NotEnabledCause =
  /** C28: the account belongs to no organization. */
  | 'no-organization'
  /** The account has not signed up for the service. */
  | 'not-signed-up'
  /** C26: Security Hub is not enabled in the region. */
  | 'security-hub-off'
  /** C25: the payer never opened Cost Explorer. */
  | 'cost-explorer-off';

export const NOT_ENABLED = new Map<string, NotEnabledCause>([
  ['AWSOrganizationsNotInUseException', 'no-organization'],
  ['OptInRequired', 'not-signed-up'],
  ['SubscriptionRequiredException', 'not-signed-up'],
  // Security Hub's answer for an account not subscribed in this region.
  ['InvalidAccessException', 'security-hub-off'],
]);

export const NETWORK_CODES = new Set([
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

/** Node's words for a TLS certificate it does not trust: a bundle is missing or wrong. */
export const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Node refused the proxy that HTTPS_PROXY or HTTP_PROXY names. */
export const PROXY_CONFIG_CODE = 'ERR_PROXY_INVALID_CONFIG';
