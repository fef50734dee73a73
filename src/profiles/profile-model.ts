import type { MergedSection, ProfileFileSet, ProfileProperty } from './profile-files.ts';
import type { CredentialKind } from './types.ts';

/** Questions asked of one merged profile section, shared by discovery and resolution. */

/** A setting's value; an empty value counts as unset, as it does for the SDKs. */
export function settingOf(section: MergedSection | undefined, key: string): string | undefined {
  const value = section?.properties.get(key)?.value;
  return value === undefined || value === '' ? undefined : value;
}

export function propertyOf(
  section: MergedSection | undefined,
  key: string,
): ProfileProperty | undefined {
  return section?.properties.get(key);
}

export function hasStaticKeys(profile: MergedSection): boolean {
  return (
    settingOf(profile, 'aws_access_key_id') !== undefined &&
    settingOf(profile, 'aws_secret_access_key') !== undefined
  );
}

export function isAssumeRole(profile: MergedSection): boolean {
  return (
    settingOf(profile, 'role_arn') !== undefined &&
    (settingOf(profile, 'source_profile') !== undefined ||
      settingOf(profile, 'credential_source') !== undefined)
  );
}

export function isWebIdentity(profile: MergedSection): boolean {
  return (
    settingOf(profile, 'role_arn') !== undefined &&
    settingOf(profile, 'web_identity_token_file') !== undefined
  );
}

export function isSso(profile: MergedSection): boolean {
  return (
    settingOf(profile, 'sso_session') !== undefined ||
    settingOf(profile, 'sso_start_url') !== undefined ||
    settingOf(profile, 'sso_account_id') !== undefined ||
    settingOf(profile, 'sso_role_name') !== undefined
  );
}

/** The SDK's order for a profile named directly: a role first, then keys, then the rest. */
export function credentialKindOf(profile: MergedSection): CredentialKind {
  if (isAssumeRole(profile)) return 'assume-role';
  if (hasStaticKeys(profile)) return 'static-keys';
  if (isWebIdentity(profile)) return 'web-identity';
  if (settingOf(profile, 'credential_process') !== undefined) return 'credential-process';
  if (isSso(profile)) return 'sso';
  return 'none';
}

export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

export function isCredentialSource(value: string): value is CredentialSource {
  return (CREDENTIAL_SOURCES as readonly string[]).includes(value);
}

/** The account id in an ARN such as arn:aws:iam::111122223333:role/Name. */
export function accountIdFromArn(arn: string | undefined): string | undefined {
  return arn ? /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined;
}

/**
 * The endpoint for one service: the `services` section's `<service> = endpoint_url = ...`
 * first, then the profile's own `endpoint_url`, unless the profile turns configured endpoints
 * off.
 */
export function endpointOf(
  set: ProfileFileSet,
  profile: MergedSection,
  service: string,
): string | undefined {
  if (settingOf(profile, 'ignore_configured_endpoint_urls')?.toLowerCase() === 'true') {
    return undefined;
  }
  return serviceEndpointsOf(set, profile)[service] ?? settingOf(profile, 'endpoint_url');
}

export function serviceEndpointsOf(
  set: ProfileFileSet,
  profile: MergedSection,
): Record<string, string> {
  const name = settingOf(profile, 'services');
  const services = name === undefined ? undefined : set.services.get(name);
  const endpoints: Record<string, string> = {};
  for (const property of services?.properties.values() ?? []) {
    const url = property.subProperties?.endpoint_url;
    if (url) endpoints[property.name] = url;
  }
  return endpoints;
}

/** The SSO settings of a profile, with its session's start URL and region filled in. */
export interface SsoSettings {
  readonly sessionName?: string;
  readonly startUrl?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly roleName?: string;
  /** What the token cache file name is the SHA-1 of: the session name, else the start URL. */
  readonly cacheKey?: string;
}

export function ssoSettingsOf(set: ProfileFileSet, profile: MergedSection): SsoSettings {
  const sessionName = settingOf(profile, 'sso_session');
  const session = sessionName === undefined ? undefined : set.ssoSessions.get(sessionName);
  const startUrl = settingOf(session, 'sso_start_url') ?? settingOf(profile, 'sso_start_url');
  const region = settingOf(session, 'sso_region') ?? settingOf(profile, 'sso_region');
  const cacheKey = sessionName ?? startUrl;
  return {
    ...(sessionName === undefined ? {} : { sessionName }),
    ...(startUrl === undefined ? {} : { startUrl }),
    ...(region === undefined ? {} : { region }),
    ...optional('accountId', settingOf(profile, 'sso_account_id')),
    ...optional('roleName', settingOf(profile, 'sso_role_name')),
    ...(cacheKey === undefined ? {} : { cacheKey }),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
