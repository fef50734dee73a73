import { SERVICE_IDS } from '../core/services.ts';
import type { ProfileFileSet } from './profile-files.ts';
import type { ProfileWarning } from './types.ts';

/** Names people write for a service Escher calls, other than the key the SDKs read. */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  logs: 'cloudwatch_logs',
  monitoring: 'cloudwatch',
  ce: 'cost_explorer',
  config: 'config_service',
};

const squashed = (name: string): string => name.toLowerCase().replace(/[-_ ]/g, '');

/** The service key that `written` was most likely meant to be, when it is not one itself. */
export function meantKey(written: string): string | undefined {
  if ((SERVICE_IDS as readonly string[]).includes(written)) return undefined;
  return OTHER_NAMES[written] ?? SERVICE_IDS.find((id) => squashed(id) === squashed(written));
}

/**
 * A `[services]` key the SDKs do not know is ignored without a word, and the calls it was
 * meant for go to the profile's other endpoint, or to AWS itself: for a section that points
 * at a local emulator that is the real cloud. Only misspellings of services Escher calls are
 * warned; keys for other services are none of its business.
 */
export function checkServiceKeys(set: ProfileFileSet): ProfileWarning[] {
  const warnings: ProfileWarning[] = [];
  // A profile naming a services section that is not there: every endpoint it meant is lost.
  for (const profile of set.profiles.values()) {
    const setting = profile.properties.get('services');
    if (setting === undefined || set.services.has(setting.value)) continue;
    warnings.push({
      severity: 'warning',
      code: 'services-section-missing',
      message:
        `profile ${profile.name} names services ${setting.value}, but there is no ` +
        `[services ${setting.value}] section: its calls go to the profile's endpoint_url or to ` +
        `AWS; add the section or fix the name`,
      file: setting.source.file,
      line: setting.source.line,
      profile: profile.name,
    });
  }
  for (const section of set.services.values()) {
    for (const property of section.properties.values()) {
      if (property.subProperties === undefined) continue;
      const meant = meantKey(property.name);
      if (meant === undefined) continue;
      warnings.push({
        severity: 'warning',
        code: 'unknown-service-key',
        message:
          `services ${section.name}: "${property.name}" is not a service key the SDKs read, so ` +
          "its endpoint_url is ignored and those calls go to the profile's endpoint_url or " +
          `to AWS; write ${meant}`,
        file: property.source.file,
        line: property.source.line,
      });
    }
  }
  return warnings;
}
