import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOperation, isCredentialOperation } from '../../src/aws/operations.ts';
import type { ServiceId } from '../../src/core/services.ts';

/**
 * The runtime guard refuses calls outside the table; this test keeps the sources honest too.
 * Every SDK command or paginator that product code imports must be a read in the table, or a
 * credential exchange. Only the emulator harness and the demo's estate builder may write, and
 * they only ever talk to the local emulator.
 */
const root = new URL('../../src/', import.meta.url).pathname;
const MAY_WRITE_TO_THE_EMULATOR = ['demo/', 'emulator/'];

const PACKAGE_SERVICE: Readonly<Record<string, string>> = {
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-s3-control': 's3_control',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-rds': 'rds',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-cost-explorer': 'cost_explorer',
  '@aws-sdk/client-cloudtrail': 'cloudtrail',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-cloudwatch-logs': 'cloudwatch_logs',
  '@aws-sdk/client-organizations': 'organizations',
  '@aws-sdk/client-config-service': 'config_service',
  '@aws-sdk/client-securityhub': 'securityhub',
  '@aws-sdk/client-guardduty': 'guardduty',
  '@aws-sdk/client-sso': 'sso',
  '@aws-sdk/client-sso-oidc': 'sso-oidc',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface ImportedCall {
  readonly file: string;
  readonly pkg: string;
  readonly operation: string;
}

/** Named imports of `XCommand` and `paginateX` from AWS SDK client packages. */
export function importedCalls(file: string, text: string): ImportedCall[] {
  const calls: ImportedCall[] = [];
  const importPattern =
    /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(@aws-sdk\/client-[a-z0-9-]+)'/g;
  for (const match of text.matchAll(importPattern)) {
    const [, names = '', pkg = ''] = match;
    for (const raw of names.split(',')) {
      const name =
        raw
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0] ?? '';
      const command = /^([A-Z][A-Za-z0-9]+)Command$/.exec(name)?.[1];
      const paginated = /^paginate([A-Z][A-Za-z0-9]+)$/.exec(name)?.[1];
      const operation = command ?? paginated;
      if (operation) calls.push({ file, pkg, operation });
    }
  }
  return calls;
}

function allowed(call: ImportedCall): boolean {
  const service = PACKAGE_SERVICE[call.pkg];
  if (service === undefined) return false;
  return (
    findOperation(service as ServiceId, call.operation) !== undefined ||
    isCredentialOperation(service, call.operation)
  );
}

describe('read-only sources', () => {
  const productFiles = sourceFiles(root).filter(
    (file) => !MAY_WRITE_TO_THE_EMULATOR.some((prefix) => relative(root, file).startsWith(prefix)),
  );
  const calls = productFiles.flatMap((file) => importedCalls(file, readFileSync(file, 'utf8')));

  it('import only commands that are in the table of read operations', () => {
    // The scanner and Test Access import one command per read: an empty list means this test
    // stopped seeing them, not that the sources are clean.
    expect(calls.length).toBeGreaterThan(20);
    const outside = calls.filter((call) => !allowed(call));
    expect(outside.map((call) => `${relative(root, call.file)}: ${call.operation}`)).toEqual([]);
  });

  it('would catch a write command if one were imported', () => {
    const sample = "import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';";
    const found = importedCalls('sample.ts', sample);
    expect(found).toEqual([
      { file: 'sample.ts', pkg: '@aws-sdk/client-ec2', operation: 'TerminateInstances' },
    ]);
    expect(found.every(allowed)).toBe(false);
  });
});
