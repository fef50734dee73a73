import { describe, expect, it } from 'vitest';
import { authFailure } from '../../src/access/auth-failure.ts';
import { renderTestAccess } from '../../src/access/render.ts';
import { accessStatusOf } from '../../src/access/summarise.ts';
import type { TestAccessReport } from '../../src/access/types.ts';

const base: TestAccessReport = {
  profile: 'escher-prod',
  status: 'CONNECTED',
  account: '123456789012',
  region: 'us-east-1',
  missing: [],
  denied: [],
  notEnabled: [],
  unverified: [],
  checks: [],
  testedAt: '2026-01-01T00:00:00.000Z',
};

describe('renderTestAccess', () => {
  it('keeps a not-enabled service out of the permissions verdict', () => {
    const report: TestAccessReport = {
      ...base,
      notEnabled: [{ domain: 'guardduty', label: 'GuardDuty', reason: 'no GuardDuty detector' }],
    };
    expect(renderTestAccess('escher-prod', report)).toBe(
      'Profile: escher-prod\nProvider: AWS\nAccount: 123456789012\nStatus: ✓ Connected\n' +
        'Permissions: Sufficient for estate scan',
    );
    expect(accessStatusOf(report)).toBe('OK');
  });

  it('lists missing actions, then explicit denies, each on its own line', () => {
    const report: TestAccessReport = {
      ...base,
      missing: [{ domain: 'iam', label: 'IAM', actions: ['iam:ListRoles'] }],
      denied: [{ domain: 'costexplorer', action: 'ce:GetCostAndUsage' }],
    };
    expect(renderTestAccess('escher-prod', report).split('\n').slice(4)).toEqual([
      'Permissions: Missing 1 action in 1 domain (IAM)',
      '  - iam:ListRoles',
      'Denied 1 action in 1 domain (Cost Explorer) by an explicit deny:',
      "  - ce:GetCostAndUsage: explicit deny (AWS did not say by which policy); adding it to this profile's policy will not help, the deny must be lifted",
    ]);
    expect(accessStatusOf(report)).toBe('PARTIAL');
  });

  it('shows the account the files give when sign-in fails, and the fix', () => {
    const failure = authFailure('role-not-assumable', 'escher-prod', {
      code: 'AccessDenied',
      roleArn: 'arn:aws:iam::111122223333:role/EscherReadOnly',
    });
    const report: TestAccessReport = {
      ...base,
      status: 'ERROR',
      account: '111122223333',
      authFailure: failure,
    };
    expect(renderTestAccess('escher-prod', report)).toBe(
      [
        'Profile: escher-prod',
        'Provider: AWS',
        'Account: 111122223333',
        'Status: ✗ Cannot assume role arn:aws:iam::111122223333:role/EscherReadOnly (AccessDenied)',
        'Fix: let the source identity of profile escher-prod assume ' +
          'arn:aws:iam::111122223333:role/EscherReadOnly: its trust policy must name that ' +
          'principal, and the principal needs sts:AssumeRole on it',
      ].join('\n'),
    );
    expect(accessStatusOf(report)).toBe('ERROR');
  });
});
