import { planCredentialChain } from './credential-plan.ts';
import type { MergedSection, ProfileFileSet } from './profile-files.ts';
import { credentialKindOf, propertyOf, settingOf, ssoSettingsOf } from './profile-model.ts';
import type { ProfileWarning, SourceLocation, WarningSeverity } from './types.ts';

/**
 * Problems of meaning, found from the files alone: settings that will fail when the profile
 * is used, or that the SDKs silently ignore. Each names the file and line of the setting.
 */
export function checkProfiles(set: ProfileFileSet): ProfileWarning[] {
  const warnings: ProfileWarning[] = [];
  for (const profile of set.profiles.values()) {
    const add = (
      severity: WarningSeverity,
      code: string,
      message: string,
      source: SourceLocation,
    ): void => {
      warnings.push({
        severity,
        code,
        message,
        file: source.file,
        line: source.line,
        profile: profile.name,
      });
    };
    checkStaticKeys(profile, add);
    checkRole(profile, add);
    checkSso(set, profile, add);
    const kind = credentialKindOf(profile);
    if (kind === 'none') {
      const onlySource = settingOf(profile, 'credential_source') !== undefined;
      add(
        'info',
        'no-credentials',
        onlySource
          ? `profile ${profile.name} has credential_source but no role_arn: the SDKs use it ` +
              'only as the source_profile of another profile'
          : `profile ${profile.name} has no credentials (no keys, role, SSO, process or token)`,
        profile.sources[0]!,
      );
      continue;
    }
    const plan = planCredentialChain(set, profile.name);
    if (!plan.ok) add('error', plan.code, plan.message, plan.source ?? profile.sources[0]!);
  }
  return warnings;
}

type Add = (
  severity: WarningSeverity,
  code: string,
  message: string,
  source: SourceLocation,
) => void;

function checkStaticKeys(profile: MergedSection, add: Add): void {
  const id = propertyOf(profile, 'aws_access_key_id');
  const secret = propertyOf(profile, 'aws_secret_access_key');
  const present = (id?.value ? 1 : 0) + (secret?.value ? 1 : 0);
  if (present !== 1) return;
  const [has, lacks] = id?.value ? [id, 'aws_secret_access_key'] : [secret!, 'aws_access_key_id'];
  add(
    'error',
    'incomplete-static-keys',
    `profile ${profile.name} sets ${has.name} but not ${lacks}; the keys cannot be used`,
    has.source,
  );
}

function checkRole(profile: MergedSection, add: Add): void {
  const role = propertyOf(profile, 'role_arn');
  const source = propertyOf(profile, 'source_profile');
  if (role?.value) {
    const hasSource =
      settingOf(profile, 'source_profile') ??
      settingOf(profile, 'credential_source') ??
      settingOf(profile, 'web_identity_token_file');
    if (hasSource === undefined) {
      add(
        'warning',
        'role-without-source',
        `role_arn of profile ${profile.name} is ignored: it needs source_profile, ` +
          'credential_source or web_identity_token_file',
        role.source,
      );
    }
  } else if (source?.value) {
    add(
      'warning',
      'source-profile-without-role',
      `source_profile of profile ${profile.name} is ignored: the profile has no role_arn`,
      source.source,
    );
  }
}

/** Field case C11: session names must exist and the profile must not contradict them. */
function checkSso(set: ProfileFileSet, profile: MergedSection, add: Add): void {
  if (credentialKindOf(profile) !== 'sso') return;
  const sessionProperty = propertyOf(profile, 'sso_session');
  const sessionName = sessionProperty?.value;
  if (sessionName) {
    const session = set.ssoSessions.get(sessionName);
    if (!session) {
      add(
        'error',
        'sso-session-missing',
        `sso_session ${sessionName} of profile ${profile.name} points nowhere: there is no ` +
          `[sso-session ${sessionName}] section in the config file`,
        sessionProperty.source,
      );
      return;
    }
    for (const key of ['sso_start_url', 'sso_region']) {
      const own = propertyOf(profile, key);
      const theirs = settingOf(session, key);
      if (own?.value && theirs !== undefined && own.value !== theirs) {
        add(
          'error',
          'sso-session-conflict',
          `${key} of profile ${profile.name} (${own.value}) differs from sso-session ` +
            `${sessionName} (${theirs}): the SDKs refuse this profile; remove it from the profile`,
          own.source,
        );
      }
    }
  }
  const sso = ssoSettingsOf(set, profile);
  const missing = [
    sso.startUrl === undefined ? 'sso_start_url' : undefined,
    sso.region === undefined ? 'sso_region' : undefined,
    sso.accountId === undefined ? 'sso_account_id' : undefined,
    sso.roleName === undefined ? 'sso_role_name' : undefined,
  ].filter((key) => key !== undefined);
  if (missing.length > 0) {
    add(
      'error',
      'sso-incomplete',
      `SSO profile ${profile.name} lacks ${missing.join(', ')}`,
      sessionProperty?.source ?? profile.sources[0]!,
    );
  }
}
