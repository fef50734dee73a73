import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from '../../src/scan/collectors/credential-report.ts';
import {
  credentialReport,
  fakeAccount,
  generateReport,
  iamList,
  REPORT_HEADER,
  scanFake,
} from './helpers/fake-account.ts';
import { lines } from './helpers/memory-sink.ts';
import { awsError, type WireAnswer } from './helpers/wire-mock.ts';

const ROOT_ROW =
  '<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,' +
  'no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,' +
  'false,N/A,false,N/A';
const ALICE_ROW =
  'alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,' +
  '2026-11-20T08:00:00+00:00,2024-01-01T00:00:00+00:00,N/A,false,true,' +
  '2026-09-01T00:00:00+00:00,2026-11-29T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,' +
  'false,N/A,false,N/A';
const NOW = new Date('2026-12-01T00:00:00Z');

/** A clock that moves only when the scanner sleeps. */
function clock() {
  let now = NOW.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** Answers each call of `operation` with the next answer of the list (the last one repeats). */
function inTurn(operation: string, answers: WireAnswer[]) {
  let next = 0;
  return (request: { operation: string }): WireAnswer | undefined => {
    if (request.operation !== operation) return undefined;
    const answer = answers[Math.min(next, answers.length - 1)];
    next += 1;
    return answer;
  };
}

const withAlice = () =>
  fakeAccount().on((r) =>
    r.operation === 'ListUsers' ? iamList('ListUsers', ['alice']) : undefined,
  );

describe('C23: the credential report is generated, waited for, then read', () => {
  it('generates, polls while AWS builds it, and joins it with each user', async () => {
    const time = clock();
    const wire = withAlice()
      .on(
        inTurn(
          'GenerateCredentialReport',
          ['STARTED', 'INPROGRESS', 'COMPLETE'].map(generateReport),
        ),
      )
      .on(
        inTurn('GetCredentialReport', [
          awsError.query(404, 'ReportInProgress', 'Report generation in progress.'),
          credentialReport([ROOT_ROW, ALICE_ROW]),
        ]),
      );
    const { result, sink } = await scanFake(wire, { ...time, regions: ['us-east-1'] });
    expect(lines(result.coverage).iam).toBe('OK (1 user, 0 roles)');
    expect(time.slept.every((ms) => ms === 2000)).toBe(true);
    expect(sink.named('iam:user', 'alice').attributes).toMatchObject({
      credentialReport: true,
      mfaActive: false,
      passwordEnabled: true,
      // The second key slot of the report is empty: no key, not an inactive one.
      accessKeys: [{ active: true, lastRotated: '2026-09-01T00:00:00.000Z', ageDays: 91 }],
    });
    expect(sink.named('iam:user', 'alice').attributes.accessKeys).toHaveLength(1);
    expect(result.failures).toEqual([]);
  });

  it('regenerates a report AWS says is not present or expired', async () => {
    const wire = withAlice().on(
      inTurn('GetCredentialReport', [
        awsError.query(410, 'ReportNotPresent', 'Credential report not present.'),
        credentialReport([ALICE_ROW]),
      ]),
    );
    const { result } = await scanFake(wire, { ...clock(), regions: ['us-east-1'] });
    expect(lines(result.coverage).iam).toBe('OK (1 user, 0 roles)');
    expect(wire.count('GenerateCredentialReport')).toBe(2);
  });

  it('gives up after about a minute: IAM PARTIAL "credential report not ready"', async () => {
    const time = clock();
    const wire = withAlice().on((r) =>
      r.operation === 'GenerateCredentialReport' ? generateReport('INPROGRESS') : undefined,
    );
    const { result, sink } = await scanFake(wire, { ...time, regions: ['us-east-1'] });
    expect(lines(result.coverage).iam).toBe(
      'PARTIAL (1 user, 0 roles; credential report not ready)',
    );
    expect(time.slept.reduce((sum, ms) => sum + ms, 0)).toBe(60_000);
    expect(sink.named('iam:user', 'alice').attributes).toMatchObject({
      credentialReport: false,
      mfaActive: null,
    });
  });

  it('names iam:GenerateCredentialReport when generating is denied', async () => {
    const wire = withAlice().on((r) =>
      r.operation === 'GenerateCredentialReport'
        ? awsError.query(
            403,
            'AccessDenied',
            'User: arn:aws:iam::111122223333:user/escher is not authorized to perform: ' +
              'iam:GenerateCredentialReport on resource: * because no identity-based policy allows ' +
              'the iam:GenerateCredentialReport action',
          )
        : undefined,
    );
    const { result } = await scanFake(wire, { ...clock(), regions: ['us-east-1'] });
    expect(lines(result.coverage).iam).toBe(
      'PARTIAL (1 user, 0 roles; credential report not readable: iam:GenerateCredentialReport denied)',
    );
    expect(result.failures).toMatchObject([
      { action: 'iam:GenerateCredentialReport', kind: 'missing-permission', region: 'global' },
    ]);
  });
});

describe('C23 when generating is denied', () => {
  it('still tries to read a report, and names both actions when both are denied', async () => {
    const denied = (action: string) =>
      awsError.query(
        403,
        'AccessDenied',
        `User: arn:aws:iam::111122223333:user/escher is not authorized to perform: ${action}`,
      );
    const wire = withAlice().on((r) =>
      r.operation === 'GenerateCredentialReport' || r.operation === 'GetCredentialReport'
        ? denied(`iam:${r.operation}`)
        : undefined,
    );
    const { result } = await scanFake(wire, { ...clock(), regions: ['us-east-1'] });
    expect(result.failures.map((failure) => failure.action)).toEqual([
      'iam:GenerateCredentialReport',
      'iam:GetCredentialReport',
    ]);
    expect(result.failures.every((failure) => failure.kind === 'missing-permission')).toBe(true);
    expect(lines(result.coverage).iam).toBe(
      'PARTIAL (1 user, 0 roles; credential report not readable: ' +
        'iam:GenerateCredentialReport denied, iam:GetCredentialReport denied)',
    );
  });
});

describe('C24: the <root_account> row', () => {
  it('is the root principal, with not_supported / N/A / no_information as unknown', () => {
    const report = parseCredentialReport([REPORT_HEADER, ROOT_ROW, ALICE_ROW].join('\n'), NOW);
    expect(report.root).toEqual({
      arn: 'arn:aws:iam::111122223333:root',
      passwordEnabled: null,
      passwordLastUsed: null,
      mfaActive: true,
      // false / N/A in both key slots: the root has no access key.
      accessKeys: [],
    });
    expect([...report.users.keys()]).toEqual(['alice']);
  });

  it('is kept apart from the users and never counted as one', async () => {
    const wire = withAlice().on((r) =>
      r.operation === 'GetCredentialReport' ? credentialReport([ROOT_ROW, ALICE_ROW]) : undefined,
    );
    const { result, sink } = await scanFake(wire, { ...clock(), regions: ['us-east-1'] });
    expect(lines(result.coverage).iam).toBe('OK (1 user, 0 roles)');
    expect(sink.ofType('iam:root')).toMatchObject([
      { name: '<root_account>', attributes: { mfaActive: true, passwordEnabled: null } },
    ]);
    expect(wire.requests.filter((r) => r.operation === 'GetUser')).toEqual([]);
  });
});

describe('IAM lists', () => {
  it('shows what was read when one list is denied: "142 users; roles not readable"', async () => {
    const users = Array.from({ length: 142 }, (_, i) => `user-${i}`);
    const wire = fakeAccount()
      .on((r) => (r.operation === 'ListUsers' ? iamList('ListUsers', users) : undefined))
      .on((r) =>
        r.operation === 'ListRoles'
          ? awsError.query(403, 'AccessDenied', 'User is not authorized to perform: iam:ListRoles')
          : undefined,
      );
    const { result } = await scanFake(wire, { regions: ['us-east-1'] });
    expect(lines(result.coverage).iam).toBe(
      'PARTIAL (142 users; roles not readable: iam:ListRoles denied)',
    );
  });
});

describe('a credential report row whose user name holds commas', () => {
  // 22 columns: user, arn, then 20 facts. alice has one active key and no MFA.
  const row = (user: string, arn: string, mfa: string, key: string): string =>
    [
      user,
      arn,
      '2026-01-01T00:00:00+00:00',
      'false',
      'N/A',
      'N/A',
      'N/A',
      mfa,
      key,
      key === 'true' ? '2026-11-01T00:00:00+00:00' : 'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(',');
  const arn = (user: string): string => `arn:aws:iam::111122223333:user/${user}`;

  it('is put back together, and never overwrites the user whose name it starts with', () => {
    const tricky = 'alice,,,,,,,true';
    const report = parseCredentialReport(
      [
        REPORT_HEADER,
        row('alice', arn('alice'), 'false', 'true'),
        row(tricky, arn(tricky), 'true', 'false'),
      ].join('\n'),
      NOW,
    );
    expect([...report.users.keys()]).toEqual(['alice', tricky]);
    expect(report.users.get('alice')).toMatchObject({ mfaActive: false, arn: arn('alice') });
    expect(report.users.get('alice')?.accessKeys).toHaveLength(1);
    expect(report.users.get(tricky)).toMatchObject({ mfaActive: true, arn: arn(tricky) });
    expect(report.users.get(tricky)?.accessKeys).toEqual([]);
  });

  it('is read as CSV when quoted, and skipped when it cannot be read for sure', () => {
    const report = parseCredentialReport(
      [
        REPORT_HEADER,
        row('"bob,ops"', `"${arn('bob,ops')}"`, 'true', 'false'),
        // One comma too many: no way to tell where the name ends.
        row('carol,x', `${arn('carol,x')},`, 'true', 'false'),
      ].join('\n'),
      NOW,
    );
    expect([...report.users.keys()]).toEqual(['bob,ops']);
    expect(report.users.get('bob,ops')).toMatchObject({ mfaActive: true, arn: arn('bob,ops') });
  });
});
