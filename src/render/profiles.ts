import type { DiscoverResult, ProfileDetailView, ProfileView } from '../app/views.ts';
import type { ProfileSetting } from '../profiles/types.ts';
import { meantKey } from '../profiles/service-keys.ts';
import { alignedWidth, renderTable } from './table.ts';
import { formatTime } from './time.ts';
import { warningLine } from './warning-line.ts';

const KIND_WORDS: Record<ProfileView['credentialKind'], string> = {
  'static-keys': 'static keys',
  'assume-role': 'assume role',
  sso: 'SSO',
  'credential-process': 'credential process',
  'web-identity': 'web identity',
  none: 'none',
};

export function renderProfileList(profiles: readonly ProfileView[]): string {
  if (profiles.length === 0) {
    return 'No profiles yet: run `escher profiles discover` to read the AWS config files.';
  }
  return renderTable(
    ['PROFILE', 'STATE', 'ACCESS', 'ACCOUNT', 'REGION', 'CREDENTIALS', 'NOTE'],
    profiles.map((profile) => [
      profile.name,
      profile.lifecycle,
      profile.accessStatus,
      profile.accountId ?? '-',
      profile.region ?? '-',
      KIND_WORDS[profile.credentialKind],
      profile.note ?? '',
    ]),
  );
}

export function renderProfile(profile: ProfileDetailView): string {
  const { source } = profile;
  const lines = [
    `Profile: ${profile.name}`,
    `Provider: ${profile.provider}`,
    `Account: ${profile.accountId ?? 'unknown'}`,
    `State: ${profile.lifecycle}`,
    `Access: ${profile.accessStatus}${profile.accessDetail ? `: ${profile.accessDetail}` : ''}`,
    `Region: ${profile.region ?? 'not set (us-east-1 is used)'}`,
    `Credentials: ${KIND_WORDS[profile.credentialKind]}`,
    `Source: ${source.file}, [${source.section}], line ${source.line}`,
  ];
  if (profile.settings.length > 0) {
    lines.push('Settings:', ...settingLines(profile.settings));
  } else if (profile.lifecycle === 'Missing') {
    lines.push('Settings: none (its section is no longer in the files)');
  }
  if (profile.endpointUrl) lines.push(`Endpoint: ${profile.endpointUrl}`);
  const byService = Object.entries(profile.serviceEndpoints);
  if (byService.length > 0) {
    // The rest of the calls go to `Endpoint:` when there is one, else to AWS.
    lines.push(
      'Endpoints by service:',
      ...byService.map(([service, url]) => {
        const meant = meantKey(service);
        const ignored = meant ? ` (ignored: not a key the SDKs read; write ${meant})` : '';
        return `  ${service} = ${url}${ignored}`;
      }),
    );
  }
  if (profile.note) lines.push(`Note: ${profile.note}`);
  lines.push(`Last tested: ${profile.lastTested ? formatTime(profile.lastTested) : 'never'}`);
  lines.push(
    `Last refreshed: ${profile.lastRefreshed ? formatTime(profile.lastRefreshed) : 'never'}`,
  );
  if (profile.warnings.length > 0) {
    lines.push('Warnings:', ...profile.warnings.map((warning) => `  ${warningLine(warning)}`));
  }
  return lines.join('\n');
}

export function renderDiscover(result: DiscoverResult): string {
  const sections: string[] = [];
  // Missing profiles were not found in the files: they are counted apart from the found ones.
  const found = result.added.length + result.unchanged.length + result.returned.length;
  const summary = [
    `${result.added.length} new`,
    `${result.unchanged.length} unchanged`,
    `${result.returned.length} back`,
    `${result.missing.length} missing`,
  ].join(', ');
  sections.push(`Found ${found} ${found === 1 ? 'profile' : 'profiles'}: ${summary}.`);
  const changes = [
    ...result.added.map((name) => `+ ${name}: Discovered`),
    ...result.returned.map((name) => `↺ ${name}: its section is back`),
    ...result.missing.map((name) => `− ${name}: Missing (its section is gone; kept, not deleted)`),
  ];
  if (changes.length > 0) sections.push(changes.join('\n'));
  if (result.incomplete) {
    sections.push(
      'A file could not be read (see the warnings): profiles already known were kept as they ' +
        'were, none was marked Missing.',
    );
  }
  if (result.profiles.length === 0) {
    const read = result.files.map((file) => `${file.path}${file.exists ? '' : ' (not there)'}`);
    sections.push(
      `No profile in ${read.join(' or ')}: create one with aws configure --profile NAME, or ` +
        'point AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at your files.',
    );
  } else {
    sections.push(renderProfileList(result.profiles));
  }
  if (result.warnings.length > 0) {
    sections.push(['Warnings:', ...result.warnings.map((w) => `  ${warningLine(w)}`)].join('\n'));
  }
  return sections.join('\n\n');
}

/** `  region = us-east-1   ~/.aws/config:3`, secrets as `(set)`, aligned on the value. */
function settingLines(settings: readonly ProfileSetting[]): string[] {
  const shown = settings.map((setting) => ({
    text: `${setting.name} = ${setting.secret ? '(set, not shown)' : (setting.value ?? '')}`,
    at: `${setting.source.file}:${setting.source.line}`,
  }));
  const width = alignedWidth(shown.map((entry) => entry.text.length));
  return shown.map((entry) => `  ${entry.text.padEnd(width)}  ${entry.at}`);
}
