import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locateProfileFiles, type Platform } from '../../src/profiles/file-locations.ts';
import { readProfileFileSet, type MergedSection } from '../../src/profiles/profile-files.ts';

// The AWS SDKs' shared test vectors (copied from ../shared/conformance so tests stand alone).
const fixtures = new URL('../fixtures/conformance/', import.meta.url);

interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: {
    errorContaining?: string;
    config?: {
      profiles: Record<string, Record<string, string>>;
      sso_sessions?: Record<string, Record<string, string>>;
    };
  };
}

interface LocationCase {
  name: string;
  environment: Record<string, string>;
  platform: Platform;
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

function load<T>(file: string): T[] {
  const parsed = JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as { tests: T[] };
  return parsed.tests;
}

const parserCases = load<ParserCase>('aws-sdk-profile-parser-tests.json');
const locationCases = load<LocationCase>('aws-sdk-file-location-tests.json');

function flatten(sections: Map<string, MergedSection>): Record<string, Record<string, string>> {
  return Object.fromEntries(
    [...sections].map(([name, section]) => [
      name,
      Object.fromEntries([...section.properties].map(([key, p]) => [key, p.value])),
    ]),
  );
}

describe('profile parser conformance', () => {
  it('has all 65 cases', () => {
    expect(parserCases).toHaveLength(65);
  });

  it.each(parserCases.map((c, i) => [`${i + 1}: ${c.name}`, c] as const))('%s', (_, c) => {
    const set = readProfileFileSet({
      ...(c.input.configFile === undefined
        ? {}
        : { config: { path: 'config', text: c.input.configFile } }),
      ...(c.input.credentialsFile === undefined
        ? {}
        : { credentials: { path: 'credentials', text: c.input.credentialsFile } }),
    });
    const { errorContaining, config } = c.output;
    if (errorContaining !== undefined) {
      const errors = set.warnings.filter((w) => w.severity === 'error').map((w) => w.message);
      expect(errors.some((message) => message.includes(errorContaining))).toBe(true);
      return;
    }
    expect(set.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(flatten(set.profiles)).toEqual(config?.profiles);
    if (config?.sso_sessions) expect(flatten(set.ssoSessions)).toEqual(config.sso_sessions);
  });
});

describe('profile file location conformance', () => {
  it('has all 9 cases', () => {
    expect(locationCases).toHaveLength(9);
  });

  it.each(locationCases.map((c, i) => [`${i + 1}: ${c.name}`, c] as const))('%s', (_, c) => {
    const located = locateProfileFiles({ env: c.environment, platform: c.platform });
    expect(located.configPath).toBe(c.configLocation);
    expect(located.credentialsPath).toBe(c.credentialsLocation);
    if (c.profile !== undefined) expect(located.defaultProfile).toBe(c.profile);
  });
});
