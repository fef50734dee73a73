import { foldLineNoise } from './line-noise.ts';
import { hasControlCharacter } from './value-checks.ts';
import { parseIni, type IniDocument, type IniSection } from './ini-parse.ts';
import { looksLikePastedCredential } from './secrets.ts';
import type { IgnoredSection, ProfileWarning, SourceLocation, WarningSeverity } from './types.ts';

/**
 * Turns the parsed config and credentials files into profiles, SSO sessions and services
 * sections the way the AWS SDKs do, and records a warning with file and line wherever the
 * AWS CLI or some SDK would read the files differently.
 */

export interface ProfileProperty {
  readonly name: string;
  readonly value: string;
  /** Present when the key had an empty value followed by indented `key = value` lines. */
  readonly subProperties?: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

/** A profile, `sso-session` or `services` section, merged over every place it appears. */
export interface MergedSection {
  readonly name: string;
  readonly sources: SourceLocation[];
  readonly properties: Map<string, ProfileProperty>;
}

export interface ProfileFileSet {
  readonly profiles: Map<string, MergedSection>;
  readonly ssoSessions: Map<string, MergedSection>;
  readonly services: Map<string, MergedSection>;
  readonly ignoredSections: IgnoredSection[];
  readonly warnings: ProfileWarning[];
}

export interface ProfileFileText {
  readonly path: string;
  readonly text: string;
}

/** Characters the SDKs accept in profile and key names. */
const IDENTIFIER = /^[A-Za-z0-9\-_/.%@:+]+$/;
/** Non-profile sections the AWS CLI itself reads from the config file. */
const KNOWN_CONFIG_SECTIONS = new Set(['preview', 'plugins', 'cli']);

type ConfigHeader =
  | { kind: 'default-bare' }
  | { kind: 'profile' | 'sso-session' | 'services'; name: string; quoted: boolean }
  | { kind: 'other' };

export function classifyConfigHeader(header: string): ConfigHeader {
  if (header === 'default') return { kind: 'default-bare' };
  const match = /^(profile|sso-session|services)[ \t]+(.*)$/.exec(header);
  if (!match) return { kind: 'other' };
  const kind = match[1] as 'profile' | 'sso-session' | 'services';
  const rest = (match[2] ?? '').trim();
  // `aws configure sso` quotes names that hold spaces, e.g. [sso-session 'Team Dev'].
  const quoted = /^'(.+)'$|^"(.+)"$/.exec(rest);
  if (quoted) return { kind, name: quoted[1] ?? quoted[2] ?? '', quoted: true };
  return { kind, name: rest, quoted: false };
}

export function readProfileFileSet(files: {
  config?: ProfileFileText;
  credentials?: ProfileFileText;
}): ProfileFileSet {
  const set: ProfileFileSet = {
    profiles: new Map(),
    ssoSessions: new Map(),
    services: new Map(),
    ignoredSections: [],
    warnings: [],
  };
  if (files.config) readFile(set, files.config, readConfig);
  if (files.credentials) readFile(set, files.credentials, readCredentials);
  return set;
}

/** Reads one file, summing up its bad lines when it is not a profile file at all. */
function readFile(
  set: ProfileFileSet,
  file: ProfileFileText,
  read: (set: ProfileFileSet, file: ProfileFileText) => void,
): void {
  const before = set.warnings.length;
  read(set, file);
  for (const warning of foldLineNoise(file.path, set.warnings.splice(before))) {
    set.warnings.push(warning);
  }
}

function warn(
  set: ProfileFileSet,
  severity: WarningSeverity,
  code: string,
  message: string,
  source: { file: string; line: number },
  profile?: string,
): void {
  set.warnings.push({
    severity,
    code,
    message,
    file: source.file,
    line: source.line,
    ...(profile === undefined ? {} : { profile }),
  });
}

function readDocument(set: ProfileFileSet, file: ProfileFileText): IniDocument {
  const doc = parseIni(file.text);
  const at = (line: number): { file: string; line: number } => ({ file: file.path, line });
  if (doc.hadBom) {
    warn(set, 'info', 'file-bom', `${file.path} starts with a byte-order mark (ignored)`, at(1));
  }
  for (const problem of doc.problems) {
    warn(set, 'error', 'parse-error', `${problem.message} (line skipped)`, at(problem.line));
  }
  for (const empty of doc.emptyValuesFollowedByKeys) {
    // A pasted value on the next line is said by its own warning, which must not quote it.
    if (pastedCredentialAround(doc, empty.name, empty.line)) continue;
    warn(
      set,
      'warning',
      'empty-value-not-nested',
      `"${empty.name} =" has an empty value and the lines after it are not indented: the SDKs ` +
        `read them as ordinary keys and the AWS CLI may fail on this profile; indent them to ` +
        `make them sub-keys of ${empty.name}`,
      at(empty.line),
    );
  }
  return doc;
}

function pastedCredentialAround(doc: IniDocument, name: string, line: number): boolean {
  if (looksLikePastedCredential(name)) return true;
  const next = doc.sections
    .flatMap((section) => section.properties)
    .filter((property) => property.line > line)
    .reduce<{ writtenName: string; line: number } | undefined>(
      (first, property) => (first === undefined || property.line < first.line ? property : first),
      undefined,
    );
  return next !== undefined && looksLikePastedCredential(next.writtenName);
}

function readConfig(set: ProfileFileSet, file: ProfileFileText): void {
  const doc = readDocument(set, file);
  const headers = doc.sections.map((section) => classifyConfigHeader(section.header));
  const hasPrefixedDefault = headers.some((h) => h.kind === 'profile' && h.name === 'default');

  doc.sections.forEach((section, index) => {
    const header = headers[index]!;
    const source = { file: file.path, section: section.header, line: section.line };
    if (header.kind === 'default-bare') {
      if (hasPrefixedDefault) {
        warn(
          set,
          'warning',
          'config-default-shadowed',
          '[default] is ignored because the file also has [profile default] (SDK rule); the ' +
            'AWS CLI instead keeps whichever of the two comes last: keep only one',
          source,
          'default',
        );
        set.ignoredSections.push({ source, reason: 'shadowed by [profile default]' });
        return;
      }
      mergeInto(set, set.profiles, 'default', section, source);
      return;
    }
    if (header.kind === 'other') {
      if (KNOWN_CONFIG_SECTIONS.has(section.header)) return;
      if (/^(profile|sso-session|services)$/.test(section.header)) {
        warn(
          set,
          'warning',
          'empty-section-name',
          `section [${section.header}] is ignored: the ${section.header} name is empty; ` +
            `write it after the word, e.g. [${section.header} dev]`,
          source,
        );
        set.ignoredSections.push({ source, reason: `empty ${section.header} name` });
        return;
      }
      warn(
        set,
        'warning',
        'config-missing-profile-prefix',
        `config section [${section.header}] lacks the profile prefix, so it is not a ` +
          `profile for the AWS SDKs or the AWS CLI (did you mean [profile ${section.header}]?)`,
        source,
      );
      set.ignoredSections.push({
        source,
        reason: 'config section without the "profile " prefix',
        suspectProfile: section.header,
      });
      return;
    }
    if (!validName(set, header.name, header.quoted, source)) return;
    const target =
      header.kind === 'profile'
        ? set.profiles
        : header.kind === 'sso-session'
          ? set.ssoSessions
          : set.services;
    mergeInto(set, target, header.name, section, source);
  });
}

function readCredentials(set: ProfileFileSet, file: ProfileFileText): void {
  const doc = readDocument(set, file);
  for (const section of doc.sections) {
    const source = { file: file.path, section: section.header, line: section.line };
    const prefixed = /^profile[ \t]+(.+)$/.exec(section.header);
    if (prefixed) {
      const meant = prefixed[1]!.trim();
      warn(
        set,
        'warning',
        'credentials-profile-prefix',
        `credentials section [${section.header}] is not the profile ${meant}: the "profile " ` +
          `prefix belongs only in the config file. The AWS SDKs ignore this section and the ` +
          `AWS CLI only finds it as --profile "${section.header}"; rename it [${meant}]`,
        source,
      );
      set.ignoredSections.push({
        source,
        reason: '"profile " prefix in the credentials file',
        suspectProfile: meant,
      });
      continue;
    }
    // Credentials-file section names are the profile names, verbatim.
    if (!validName(set, section.header, false, source)) continue;
    mergeInto(set, set.profiles, section.header, section, source);
    const region = section.properties.find((p) => p.name === 'region');
    if (region) {
      warn(
        set,
        'info',
        'region-in-credentials-file',
        `region is set in the credentials file: Escher and the AWS CLI use it, some SDK-based ` +
          `tools ignore it; move it to [profile ${section.header}] in the config file`,
        { file: file.path, line: region.line },
        section.header,
      );
    }
  }
}

function validName(
  set: ProfileFileSet,
  name: string,
  quoted: boolean,
  source: SourceLocation,
): boolean {
  if (hasControlCharacter(name)) {
    warn(
      set,
      'error',
      'control-character',
      `section [${source.section}] is ignored: its name holds a control character; retype it`,
      source,
    );
    set.ignoredSections.push({ source, reason: 'name holds a control character' });
    return false;
  }
  if (quoted && name !== '' && !/['"]/.test(name)) {
    if (!IDENTIFIER.test(name)) {
      warn(
        set,
        'info',
        'quoted-section-name',
        `section name '${name}' is quoted: the AWS CLI and Escher read it as ${name}, but some ` +
          `SDK-based tools cannot find names with spaces`,
        source,
      );
    }
    return true;
  }
  if (IDENTIFIER.test(name)) return true;
  warn(
    set,
    'warning',
    'invalid-profile-name',
    `section [${source.section}] is ignored: the name "${name}" may only hold letters, digits ` +
      `and - _ / . % @ : + (quote a name that needs spaces)`,
    source,
  );
  set.ignoredSections.push({ source, reason: 'name holds characters the SDKs reject' });
  return false;
}

function mergeInto(
  set: ProfileFileSet,
  target: Map<string, MergedSection>,
  name: string,
  section: IniSection,
  source: SourceLocation,
): void {
  let merged = target.get(name);
  if (!merged) {
    merged = { name, sources: [], properties: new Map() };
    target.set(name, merged);
  }
  merged.sources.push(source);
  for (const property of section.properties) {
    const at = { file: source.file, section: source.section, line: property.line };
    // Read as the SDKs read it (a key of that name), but never quoted in a warning.
    const pasted = looksLikePastedCredential(property.writtenName);
    if (pasted) warn(set, 'warning', 'pasted-credential', PASTED_CREDENTIAL, at, name);
    if (!IDENTIFIER.test(property.writtenName)) {
      if (pasted) continue;
      warn(
        set,
        'warning',
        'invalid-key-name',
        `key "${firstWord(property.writtenName)}" is ignored: key names may only hold ` +
          `letters, digits and - _ / . % @ : +`,
        at,
        name,
      );
      continue;
    }
    if (property.writtenName !== property.name && !pasted) {
      warn(
        set,
        'warning',
        'uppercase-key',
        `key ${property.writtenName} is not lower case: Escher and the AWS CLI read it as ` +
          `${property.name}, but some SDK-based tools ignore it; write it in lower case`,
        at,
        name,
      );
    }
    const pastedSub = property.subProperties?.find((sub) => looksLikePastedCredential(sub.name));
    if (pastedSub) {
      const line = { ...at, line: pastedSub.line };
      warn(set, 'warning', 'pasted-credential', PASTED_CREDENTIAL, line, name);
    }
    const subProperties = property.subProperties?.length
      ? Object.fromEntries(property.subProperties.map((sub) => [sub.name, sub.value]))
      : undefined;
    merged.properties.set(property.name, {
      name: property.name,
      value: property.value,
      ...(subProperties ? { subProperties } : {}),
      source: at,
    });
  }
}

// Never quotes the line: what it holds is most likely a secret.
const PASTED_CREDENTIAL =
  'this line looks like a key id, secret or token on a line of its own (not shown here): no ' +
  'setting has such a name; a value belongs on its setting’s line, as in ' +
  'aws_session_token = <token>';

/** Only the first word of a bad key: the rest of such a line may be a pasted secret. */
function firstWord(text: string): string {
  const [first = ''] = text.split(/\s/);
  return first === text ? text : `${first} …`;
}
