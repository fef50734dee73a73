import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity } from '@smithy/types';
import { credentialOidcClient, credentialSsoClient } from './credential-clients.ts';
import { describeAwsError, ProfileResolutionError, ssoLoginCommand } from './errors.ts';
import { ssoSettingsOf } from './profile-model.ts';
import { targetFor, type ResolutionContext } from './resolution-context.ts';
import {
  readSsoTokenState,
  writeSsoToken,
  type CachedSsoToken,
  type SsoTokenState,
} from './sso-token.ts';

interface CompleteSso {
  readonly profileName: string;
  readonly sessionName?: string;
  readonly startUrl: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly cacheKey: string;
}

function completeSettings(context: ResolutionContext, profileName: string): CompleteSso {
  const profile = context.set.profiles.get(profileName)!;
  const sso = ssoSettingsOf(context.set, profile);
  if (sso.sessionName !== undefined && !context.set.ssoSessions.has(sso.sessionName)) {
    throw new ProfileResolutionError(
      context.profile,
      'invalid-profile',
      `profile ${profileName} names sso_session ${sso.sessionName}, but no ` +
        `[sso-session ${sso.sessionName}] section exists`,
    );
  }
  const missing = (['startUrl', 'region', 'accountId', 'roleName'] as const).filter(
    (key) => sso[key] === undefined,
  );
  if (missing.length > 0 || sso.cacheKey === undefined) {
    const names: Record<string, string> = {
      startUrl: 'sso_start_url',
      region: 'sso_region',
      accountId: 'sso_account_id',
      roleName: 'sso_role_name',
    };
    throw new ProfileResolutionError(
      context.profile,
      'invalid-profile',
      `SSO profile ${profileName} lacks ${missing.map((key) => names[key]).join(', ')}`,
    );
  }
  return { ...(sso as Omit<CompleteSso, 'profileName'>), profileName };
}

/**
 * Checks the token cache without calling AWS (field case C12): an expired token that cannot
 * be refreshed means a new `aws sso login`, and nothing is sent.
 */
export async function ssoTokenState(
  context: ResolutionContext,
  profileName: string,
): Promise<{ sso: CompleteSso; state: SsoTokenState }> {
  const sso = completeSettings(context, profileName);
  const state = await readSsoTokenState(
    context.homeDir,
    sso.cacheKey,
    sso.sessionName !== undefined,
  );
  if (state.state === 'missing' || state.state === 'expired') {
    const session =
      sso.sessionName === undefined
        ? `start URL ${sso.startUrl}`
        : `sso-session ${sso.sessionName}`;
    const what =
      state.state === 'missing'
        ? state.unreadable
          ? `the cached SSO token for ${session} (${state.file}) is not the JSON aws sso ` +
            'login writes'
          : `no cached SSO token for ${session} (${state.file})`
        : `the SSO token for ${session} expired at ${state.expiresAt} and cannot be refreshed`;
    const alternative =
      sso.sessionName === undefined ? '' : ` (or aws sso login --sso-session ${sso.sessionName})`;
    throw new ProfileResolutionError(
      context.profile,
      'sso-expired',
      `SSO login required for profile ${context.profile}: ${what}; run ` +
        `${ssoLoginCommand(context.profile)}${alternative}`,
      { fixCommand: ssoLoginCommand(context.profile) },
    );
  }
  return { sso, state };
}

export async function ssoCredentials(
  context: ResolutionContext,
  profileName: string,
): Promise<AwsCredentialIdentity> {
  const { sso, state } = await ssoTokenState(context, profileName);
  if (state.state !== 'valid' && state.state !== 'refreshable') throw new Error('unreachable');
  const token =
    state.state === 'refreshable'
      ? await refreshToken(context, sso, state.file, state.token)
      : state.token;
  const client = credentialSsoClient({
    region: sso.region,
    ...ssoEndpoint(context, profileName, 'sso'),
    ...(context.network === undefined ? {} : { network: context.network }),
  });
  try {
    const response = await client.send(
      new GetRoleCredentialsCommand({
        accountId: sso.accountId,
        roleName: sso.roleName,
        accessToken: token.accessToken,
      }),
    );
    const role = response.roleCredentials;
    if (!role?.accessKeyId || !role.secretAccessKey) {
      throw new Error('GetRoleCredentials returned no credentials');
    }
    return {
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      ...(role.sessionToken ? { sessionToken: role.sessionToken } : {}),
      ...(role.expiration ? { expiration: new Date(role.expiration) } : {}),
      accountId: sso.accountId,
    };
  } catch (error) {
    if (error instanceof ProfileResolutionError) throw error;
    const unauthorized = error instanceof Error && error.name === 'UnauthorizedException';
    throw new ProfileResolutionError(
      context.profile,
      unauthorized ? 'sso-expired' : 'sso-failed',
      `SSO sign-in for profile ${context.profile} (account ${sso.accountId}, role ` +
        `${sso.roleName}) failed: ${describeAwsError(error)}`,
      { cause: error, ...(unauthorized ? { fixCommand: ssoLoginCommand(context.profile) } : {}) },
    );
  } finally {
    client.destroy();
  }
}

async function refreshToken(
  context: ResolutionContext,
  sso: CompleteSso,
  file: string,
  token: CachedSsoToken,
): Promise<CachedSsoToken> {
  const client = credentialOidcClient({
    region: sso.region,
    ...ssoEndpoint(context, sso.profileName, 'sso_oidc'),
    ...(context.network === undefined ? {} : { network: context.network }),
  });
  try {
    const response = await client.send(
      new CreateTokenCommand({
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        grantType: 'refresh_token',
        refreshToken: token.refreshToken,
      }),
    );
    if (!response.accessToken || response.expiresIn === undefined) {
      throw new Error('CreateToken returned no token');
    }
    const refreshed: CachedSsoToken = {
      ...token,
      accessToken: response.accessToken,
      expiresAt: new Date(Date.now() + response.expiresIn * 1000).toISOString(),
      ...(response.refreshToken ? { refreshToken: response.refreshToken } : {}),
    };
    await writeSsoToken(file, refreshed);
    return refreshed;
  } catch (error) {
    throw new ProfileResolutionError(
      context.profile,
      'sso-expired',
      `the SSO token of profile ${context.profile} could not be refreshed ` +
        `(${describeAwsError(error)}); run ${ssoLoginCommand(context.profile)}`,
      { fixCommand: ssoLoginCommand(context.profile), cause: error },
    );
  } finally {
    client.destroy();
  }
}

/** The SSO portal endpoint: the profile's `sso` (or `sso_oidc`) service endpoint, else global. */
function ssoEndpoint(
  context: ResolutionContext,
  profileName: string,
  service: string,
): { endpoint?: string } {
  const { endpoint } = targetFor(context, profileName, service);
  return endpoint === undefined ? {} : { endpoint };
}
