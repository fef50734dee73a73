import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainCoverage, FailedCall, ResourceRecord } from '../../src/scan/types.ts';
import type { ProfileFacts, Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';

/** A clock the test moves by hand. */
export function manualClock(start = '2025-06-01T12:00:00.000Z'): {
  now: () => Date;
  advance: (ms: number) => void;
} {
  let time = Date.parse(start);
  return { now: () => new Date(time), advance: (ms) => (time += ms) };
}

export function tempDir(prefix = 'escher-store-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export function openTestStore(home: string, now = manualClock().now): Store {
  return openStore(join(home, '.escher'), { now });
}

export function facts(name: string, extra: Partial<ProfileFacts> = {}): ProfileFacts {
  return {
    name,
    credentialKind: 'static-keys',
    source: { file: '/home/u/.aws/credentials', section: name, line: 1 },
    warnings: [],
    ...extra,
  };
}

export function instance(id: string, extra: Partial<ResourceRecord> = {}): ResourceRecord {
  return {
    type: 'ec2:instance',
    domain: 'ec2',
    id,
    account: '123456789012',
    region: 'us-east-1',
    name: id,
    tags: {},
    attributes: { state: 'running', instanceType: 't3.micro' },
    ...extra,
  };
}

export function coverage(domain: DomainCoverage['domain'], detail: string): DomainCoverage {
  return { domain, status: 'OK', detail, counts: {} };
}

export function deniedCall(extra: Partial<FailedCall> = {}): FailedCall {
  return {
    domain: 'iam',
    region: 'global',
    operation: 'ListRoles',
    action: 'iam:ListRoles',
    errorCode: 'AccessDenied',
    httpStatus: 403,
    kind: 'missing-permission',
    fix: 'add iam:ListRoles to the policy',
    message: 'User is not authorized to perform: iam:ListRoles',
    ...extra,
  };
}
