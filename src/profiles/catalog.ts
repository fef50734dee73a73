import { profileOption } from '../core/shell-words.ts';
import { loadProfileFiles, type ProfileFilesInput } from './load-files.ts';
import { checkProfiles } from './profile-checks.ts';
import type { MergedSection, ProfileFileSet } from './profile-files.ts';
import {
  accountIdFromArn,
  credentialKindOf,
  propertyOf,
  serviceEndpointsOf,
  settingOf,
  ssoSettingsOf,
} from './profile-model.ts';
import { shownValue, withoutUrlSecrets } from '../core/secret-text.ts';
import { isSecretSetting, looksLikePastedCredential } from './secrets.ts';
import { checkServiceKeys } from './service-keys.ts';
import { checkValues, invalidValue, isValidEndpointUrl, visible } from './value-checks.ts';
import { readSsoTokenState } from './sso-token.ts';
import type {
  DiscoveredProfile,
  EnvironmentSource,
  ProfileCatalog,
  ProfileSetting,
  ProfileWarning,
} from './types.ts';

const PASTED_NAME = '(a line that looks like a pasted key or token)';

/**
 * Every profile the shared files define, with where each setting came from and every warning,
 * read from the files alone (no AWS call). Holds no secret value. Missing files give an empty
 * catalog; a broken line gives a warning and the other profiles are still listed.
 */
export async function readProfileCatalog(input: ProfileFilesInput): Promise<ProfileCatalog> {
  const { set, files, locations } = await loadProfileFiles(input);
  const profiles = [...set.profiles.values()].map((profile) => discovered(set, profile));
  const warnings: ProfileWarning[] = [
    ...set.warnings,
    ...checkValues(set),
    ...checkServiceKeys(set),
    ...checkProfiles(set),
    ...(await ssoLoginWarnings(set, locations.homeDir)),
  ].map((warning) => ({ ...warning, message: shownValue(visible(warning.message)) }));
  return {
    profiles,
    warnings,
    files,
    ignoredSections: set.ignoredSections,
    environment: environmentSource(input.env),
  };
}

function discovered(set: ProfileFileSet, profile: MergedSection): DiscoveredProfile {
  const usable = (key: string): string | undefined => {
    const value = settingOf(profile, key);
    return value !== undefined && !invalidValue(key, value, '') ? value : undefined;
  };
  const region = usable('region') === undefined ? undefined : propertyOf(profile, 'region');
  const roleArn = settingOf(profile, 'role_arn');
  const sso = ssoSettingsOf(set, profile);
  const credentialKind = credentialKindOf(profile);
  const accountId =
    credentialKind === 'sso' ? sso.accountId : (accountIdFromArn(roleArn) ?? sso.accountId);
  const optional = (key: string, value: string | undefined): Record<string, string> =>
    value === undefined ? {} : { [key]: value };
  const settings: ProfileSetting[] = [...profile.properties.values()].map((property) => {
    // A pasted token read as a key name is a secret in the name itself.
    const pasted = looksLikePastedCredential(property.name);
    const secret = pasted || isSecretSetting(property.name);
    return {
      name: pasted ? PASTED_NAME : property.name,
      ...(secret ? {} : { value: shownValue(property.value) }),
      secret,
      source: property.source,
    };
  });
  return {
    name: profile.name,
    source: profile.sources[0]!,
    ...(region?.value ? { region: region.value, regionSource: region.source } : {}),
    credentialKind,
    ...optional('accountId', accountId),
    ...optional('endpointUrl', mapDefined(usable('endpoint_url'), withoutUrlSecrets)),
    serviceEndpoints: Object.fromEntries(
      Object.entries(serviceEndpointsOf(set, profile))
        .filter(([, url]) => isValidEndpointUrl(url))
        .map(([service, url]) => [service, withoutUrlSecrets(url)]),
    ),
    ...optional('roleArn', roleArn),
    ...optional('sourceProfile', settingOf(profile, 'source_profile')),
    ...optional('credentialSource', settingOf(profile, 'credential_source')),
    ...optional('ssoSession', sso.sessionName),
    settings,
  };
}

function cacheWords(state: { file: string; unreadable?: true }): string {
  return state.unreadable ? `an unreadable SSO cache file (${state.file})` : 'no cached SSO login';
}

/** Field case C12, seen early: an SSO profile whose cached login has run out. */
async function ssoLoginWarnings(set: ProfileFileSet, homeDir: string): Promise<ProfileWarning[]> {
  const warnings: ProfileWarning[] = [];
  for (const profile of set.profiles.values()) {
    if (credentialKindOf(profile) !== 'sso') continue;
    const sso = ssoSettingsOf(set, profile);
    if (sso.cacheKey === undefined) continue;
    const state = await readSsoTokenState(homeDir, sso.cacheKey, sso.sessionName !== undefined);
    if (state.state !== 'missing' && state.state !== 'expired') continue;
    const at =
      propertyOf(profile, 'sso_session')?.source ??
      propertyOf(profile, 'sso_start_url')?.source ??
      profile.sources[0]!;
    warnings.push({
      severity: 'warning',
      code: 'sso-login-required',
      message:
        state.state === 'missing'
          ? `profile ${profile.name} has ${cacheWords(state)}: run aws sso login --profile ` +
            profile.name
          : `the SSO login of profile ${profile.name} expired at ${state.expiresAt}: run aws ` +
            `sso login ${profileOption(profile.name)}`,
      file: at.file,
      line: at.line,
      profile: profile.name,
    });
  }
  return warnings;
}

/** Field case C14: environment keys are their own source, used only with no profile named. */
function environmentSource(env: NodeJS.ProcessEnv): EnvironmentSource {
  const hasKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return {
    hasKeys,
    ...(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {}),
    ...(region ? { region } : {}),
    defaultChainWinner: hasKeys ? 'environment-keys' : 'profile',
  };
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}
