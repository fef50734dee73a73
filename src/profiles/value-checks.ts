import type { MergedSection, ProfileFileSet } from './profile-files.ts';
import type { ProfileWarning, SourceLocation } from './types.ts';

/**
 * C0 and C1 control characters other than tab and newline (a continuation value holds
 * newlines). An ESC or BEL in a value can rewrite the terminal it is printed on, and no AWS
 * setting legitimately holds one.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_ALL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

/** Bidirectional controls and zero-width characters: they make one text read as another. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** Text safe to print: every control character shown as \xNN, invisible marks as \u{NNNN}. */
export function visible(text: string): string {
  return text
    .replace(CONTROL_ALL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(INVISIBLE_ALL, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** A bidirectional control or zero-width character, which no note or name needs. */
export function hasInvisibleCharacter(value: string): boolean {
  return INVISIBLE.test(value);
}

/**
 * AWS region names (eu-west-1, us-gov-west-1, cn-north-1, us-isob-east-1, ...), leniently:
 * new regions fit the pattern; spaces, control characters and typos such as `eu-west` do not.
 */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isValidRegion(value: string): boolean {
  return REGION.test(value);
}

export function isValidEndpointUrl(value: string): boolean {
  if (hasControlCharacter(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Settings whose value Escher itself uses to reach AWS: never used when malformed. */
const ADDRESS_SETTINGS = new Set(['region', 'endpoint_url']);

/**
 * What is wrong with a setting's value, or undefined when it may be used. Only region and
 * endpoint values are judged beyond control characters. Secrets are never echoed.
 */
export function invalidValue(
  name: string,
  value: string,
  owner: string,
): { code: string; message: string } | undefined {
  const control = CONTROL.exec(value)?.[0];
  if (control !== undefined) {
    const code = `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const use = ADDRESS_SETTINGS.has(name) ? ', so it is not used' : '';
    return {
      code: 'control-character',
      message:
        `${name} of ${owner} holds the control character ${code}${use}; retype the value ` +
        '(a pasted value can carry invisible characters)',
    };
  }
  if (name === 'region' && !isValidRegion(value)) {
    return {
      code: 'invalid-region',
      message:
        `region of ${owner} is "${value}", which is not an AWS region name such as ` +
        'eu-west-1, so it is not used; fix the spelling',
    };
  }
  if (name === 'endpoint_url' && !isValidEndpointUrl(value)) {
    return {
      code: 'invalid-endpoint-url',
      message:
        `endpoint_url of ${owner} is "${value}", which is not an http:// or https:// URL, so ` +
        'it is not used; write it as e.g. http://localhost:4566',
    };
  }
  return undefined;
}

/** Control characters anywhere, and region and endpoint values that cannot be used. */
export function checkValues(set: ProfileFileSet): ProfileWarning[] {
  const warnings: ProfileWarning[] = [];
  const sections: [string, Map<string, MergedSection>][] = [
    ['profile', set.profiles],
    ['sso-session', set.ssoSessions],
    ['services', set.services],
  ];
  for (const [kind, map] of sections) {
    for (const section of map.values()) {
      const owner = `${kind} ${section.name}`;
      for (const property of section.properties.values()) {
        // A services section nests endpoints: `s3 =` then `  endpoint_url = ...`.
        const nested = property.subProperties?.endpoint_url;
        const problem =
          nested === undefined
            ? invalidValue(property.name, property.value, owner)
            : invalidValue('endpoint_url', nested, `${owner} (${property.name})`);
        if (!problem) continue;
        warnings.push({
          severity: 'error',
          ...problem,
          file: property.source.file,
          line: property.source.line,
          ...(kind === 'profile' ? { profile: section.name } : {}),
        });
      }
    }
  }
  return warnings;
}

/** The first unusable region or endpoint among a profile's settings, for resolution. */
export function unusableAddress(
  set: ProfileFileSet,
  profile: MergedSection,
): { message: string; source: SourceLocation } | undefined {
  const owner = `profile ${profile.name}`;
  for (const name of ADDRESS_SETTINGS) {
    const property = profile.properties.get(name);
    const problem = property && invalidValue(name, property.value, owner);
    if (problem) return { message: problem.message, source: property.source };
  }
  const servicesName = profile.properties.get('services')?.value;
  const services = servicesName === undefined ? undefined : set.services.get(servicesName);
  for (const property of services?.properties.values() ?? []) {
    const nested = property.subProperties?.endpoint_url;
    const problem =
      nested === undefined
        ? undefined
        : invalidValue('endpoint_url', nested, `services ${servicesName} (${property.name})`);
    if (problem) return { message: problem.message, source: property.source };
  }
  return undefined;
}
