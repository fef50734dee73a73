import { profileOption } from '../core/shell-words.ts';
import { ProfileResolutionError } from '../profiles/errors.ts';
import type { CredentialKind } from '../profiles/types.ts';
import { NOT_AN_AWS_ANSWER } from '../aws/answer-check.ts';
import { CERTIFICATE_CODES, PROXY_CONFIG_CODE } from '../aws/error-codes.ts';
import { certificateFix, PROXY_FIX } from '../aws/failure-fix.ts';
import { withoutUrlSecrets } from '../core/secret-text.ts';
import {
  assessAwsError,
  errorCodeOf,
  httpStatusOf,
  isAccessDenied,
  isForeignAnswer,
  isNetworkError,
  isUnanswered,
  signInTroubleOf,
} from '../aws/classify-error.ts';
import type { AuthFailure, AuthFailureKind } from './types.ts';

/** What the profile files say about a profile; words for a failure that AWS cannot give. */
export interface ProfileFacts {
  readonly credentialKind?: CredentialKind;
  readonly roleArn?: string;
  /** Known from the files alone: a role ARN's account, or `sso_account_id`. */
  readonly accountId?: string;
  readonly endpointUrl?: string;
  /** HTTPS_PROXY or HTTP_PROXY is set: a request that got no answer may have died there. */
  readonly viaProxy?: boolean;
}

/** AWS answered that it does not accept these credentials or this signature. */
function refusedByAws(error: unknown): boolean {
  const trouble = signInTroubleOf(error);
  return trouble === 'keys-rejected' || trouble === 'signature' || trouble === 'expired';
}

/** The failure for a kind, in the seed's troubleshooting words, with the command that fixes it. */
export function authFailure(
  kind: AuthFailureKind,
  profile: string,
  detail: {
    code?: string;
    roleArn?: string;
    endpoint?: string;
    message?: string;
    viaProxy?: boolean;
  } = {},
): AuthFailure {
  const code = detail.code ? ` (${detail.code})` : '';
  const configure = `aws configure ${profileOption(profile)}`;
  const base = detail.code ? { code: detail.code } : {};
  switch (kind) {
    case 'profile-not-found':
      return {
        kind,
        ...base,
        summary: `Unable to locate credentials: profile ${profile} is not in the AWS config or credentials file`,
        fix: configure,
      };
    case 'no-credentials':
      return { kind, ...base, summary: 'Unable to locate credentials', fix: configure };
    case 'sso-expired':
      return {
        kind,
        ...base,
        summary: `SSO session expired${code}`,
        fix: `aws sso login ${profileOption(profile)}`,
      };
    case 'keys-rejected':
      return { kind, ...base, summary: `AWS rejected the access keys${code}`, fix: configure };
    case 'token-expired':
      return { kind, ...base, summary: `The session token has expired${code}`, fix: configure };
    case 'role-not-assumable': {
      const role = detail.roleArn ?? `the role_arn of profile ${profile}`;
      return {
        kind,
        ...base,
        ...(detail.roleArn ? { roleArn: detail.roleArn } : {}),
        summary: `Cannot assume ${detail.roleArn ? `role ${role}` : role}${code}`,
        fix:
          `let the source identity of profile ${profile} assume ${role}: its trust policy ` +
          `must name that principal, and the principal needs sts:AssumeRole on it`,
      };
    }
    case 'unreachable':
      return {
        kind,
        ...base,
        summary: `No answer from ${withoutUrlSecrets(detail.endpoint ?? 'AWS')}${code}`,
        fix: detail.viaProxy
          ? `check the network, the proxy that HTTPS_PROXY / HTTP_PROXY name, and endpoint_url ` +
            `of profile ${profile}`
          : `check the network, and endpoint_url of profile ${profile}`,
      };
    case 'other':
      return {
        kind,
        ...base,
        summary: detail.message ?? `Sign-in failed${code}`,
        fix: `aws sts get-caller-identity ${profileOption(profile)}`,
      };
  }
}

/**
 * Why the profile's credential provider failed. A service's answer (STS AssumeRole, the SSO
 * portal) is read from its code; a provider that found nothing to use is read from the kind of
 * credentials the profile files declare, since the SDK gives such errors no code.
 */
export function credentialFailure(
  error: unknown,
  profile: string,
  facts: ProfileFacts,
): AuthFailure {
  if (error instanceof ProfileResolutionError) return resolutionFailure(error, facts);
  const trouble = signInTroubleOf(error);
  const detail = failureDetail(error, facts);
  const local = thisSideRefused(detail.code, profile, facts);
  if (local) return local;
  if (httpStatusOf(error) !== undefined) {
    if (isAccessDenied(error) && facts.roleArn) {
      return authFailure('role-not-assumable', profile, { ...detail, roleArn: facts.roleArn });
    }
    if (trouble === 'sso' || facts.credentialKind === 'sso') {
      return authFailure('sso-expired', profile, detail);
    }
    if (trouble === 'expired') return authFailure('token-expired', profile, detail);
    if (refusedByAws(error)) return authFailure('keys-rejected', profile, detail);
    return authFailure('other', profile, detail);
  }
  if (isNetworkError(error)) return authFailure('unreachable', profile, detail);
  if (facts.credentialKind === 'sso') return authFailure('sso-expired', profile, {});
  return authFailure('no-credentials', profile, {});
}

/** Why sts:GetCallerIdentity, which every principal may call, did not answer. */
export function identityFailure(error: unknown, profile: string, facts: ProfileFacts): AuthFailure {
  const detail = failureDetail(error, facts);
  const local = thisSideRefused(detail.code, profile, facts);
  if (local) return local;
  if (signInTroubleOf(error) === 'expired') {
    return facts.credentialKind === 'sso'
      ? authFailure('sso-expired', profile, detail)
      : authFailure('token-expired', profile, detail);
  }
  if (refusedByAws(error)) return authFailure('keys-rejected', profile, detail);
  if (isUnanswered(error)) return authFailure('unreachable', profile, detail);
  // A web server, a proxy's page, an emulator's HTML error: what answered is not AWS.
  const foreign =
    detail.code === NOT_AN_AWS_ANSWER ||
    isForeignAnswer(error) ||
    assessAwsError(error, { service: 'sts' }).unparseable;
  if (foreign) {
    const status = httpStatusOf(error);
    const at = facts.endpointUrl ?? 'the endpoint';
    return {
      ...authFailure('other', profile, detail),
      summary: `${at} did not answer as AWS does${status === undefined ? '' : ` (HTTP ${status})`}`,
      fix: `check endpoint_url of profile ${profile}: it must point at AWS or an emulator of it`,
    };
  }
  return authFailure('other', profile, detail);
}

function failureDetail(
  error: unknown,
  facts: ProfileFacts,
): { code: string; endpoint?: string; viaProxy?: boolean } {
  return {
    code: errorCodeOf(error),
    ...(facts.endpointUrl === undefined ? {} : { endpoint: facts.endpointUrl }),
    ...(facts.viaProxy ? { viaProxy: true } : {}),
  };
}

/**
 * Connections this side refused before AWS could answer: a certificate no bundle vouches
 * for, a proxy URL Node cannot use. Neither is about the credentials.
 */
function thisSideRefused(
  code: string,
  profile: string,
  facts: ProfileFacts,
): AuthFailure | undefined {
  const at = withoutUrlSecrets(facts.endpointUrl ?? 'the endpoint');
  if (CERTIFICATE_CODES.has(code)) {
    return {
      kind: 'other',
      code,
      summary: `The TLS certificate of ${at} is not trusted (${code})`,
      fix: certificateFix(code, profile),
    };
  }
  if (code === PROXY_CONFIG_CODE) {
    return { kind: 'other', code, summary: `The proxy URL is not valid (${code})`, fix: PROXY_FIX };
  }
  return undefined;
}

/**
 * A profile the files cannot turn into credentials, or whose credential exchange failed (the
 * profiles module wraps the AWS error as `cause`). Its own message names the file and line.
 */
export function resolutionFailure(error: ProfileResolutionError, facts: ProfileFacts): AuthFailure {
  const profile = error.profile;
  const withFix = (failure: AuthFailure): AuthFailure =>
    error.fixCommand ? { ...failure, fix: error.fixCommand } : failure;
  switch (error.reason) {
    case 'not-found':
      return withFix(authFailure('profile-not-found', profile));
    case 'no-credentials':
      return withFix(authFailure('no-credentials', profile));
    case 'sso-expired':
      return withFix(authFailure('sso-expired', profile));
    case 'sso-failed': {
      // Only the portal's refusal of the token means a new login; silence or a server error
      // is a network or portal problem, which `aws sso login` does not fix.
      const code = errorCodeOf(error.cause);
      const local = thisSideRefused(code, profile, facts);
      if (local) return local;
      if (isUnanswered(error.cause)) {
        return authFailure('unreachable', profile, {
          code,
          endpoint: 'the SSO portal',
          ...(facts.viaProxy ? { viaProxy: true } : {}),
        });
      }
      return authFailure('other', profile, { code, message: error.message });
    }
    case 'assume-role-failed': {
      const code = errorCodeOf(error.cause);
      const local = thisSideRefused(code, profile, facts);
      if (local) return local;
      if (refusedByAws(error.cause)) return authFailure('keys-rejected', profile, { code });
      if (isUnanswered(error.cause)) {
        return authFailure('unreachable', profile, {
          code,
          ...(facts.endpointUrl ? { endpoint: facts.endpointUrl } : {}),
          ...(facts.viaProxy ? { viaProxy: true } : {}),
        });
      }
      return authFailure('role-not-assumable', profile, {
        ...(error.cause === undefined ? {} : { code }),
        ...(facts.roleArn ? { roleArn: facts.roleArn } : {}),
      });
    }
    default:
      return withFix(authFailure('other', profile, { message: error.message }));
  }
}

/** Whether the environment sends requests through a proxy (HTTPS_PROXY, HTTP_PROXY). */
export function usesProxy(env: NodeJS.ProcessEnv): boolean {
  return [env.HTTPS_PROXY, env.https_proxy, env.HTTP_PROXY, env.http_proxy].some(
    (value) => value !== undefined && value !== '',
  );
}
