import { paginateListRoles, paginateListUsers } from '@aws-sdk/client-iam';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import { isoDate, tagMap, type Collector } from './collector.ts';
import { readCredentialReport, type CredentialReport } from './credential-report.ts';

async function listUsers(run: ScanRun, region: string, report: CredentialReport | undefined) {
  const spec = {
    domain: 'iam',
    service: 'iam',
    operation: 'ListUsers',
    region,
    global: true,
    subject: 'users',
  } as const;
  const pages = paginateListUsers({ client: run.client('iam', region) }, {}, run.sendOptions);
  await run.pages(spec, pages, async (page) => {
    for (const user of page.Users ?? []) {
      if (!user.UserName || !user.Arn) continue;
      const facts = report?.users.get(user.UserName);
      await run.emit({
        type: 'iam:user',
        domain: 'iam',
        id: user.Arn,
        account: run.accountId,
        region: 'global',
        name: user.UserName,
        tags: tagMap(user.Tags),
        attributes: {
          userId: user.UserId ?? null,
          path: user.Path ?? null,
          createDate: isoDate(user.CreateDate),
          passwordLastUsed: isoDate(user.PasswordLastUsed),
          // From the credential report; null when the report could not be read.
          credentialReport: facts !== undefined,
          mfaActive: facts?.mfaActive ?? null,
          passwordEnabled: facts?.passwordEnabled ?? null,
          accessKeys: facts?.accessKeys ?? null,
        },
      });
      run.tally('iam').add('users');
    }
  });
}

async function listRoles(run: ScanRun, region: string) {
  const spec = {
    domain: 'iam',
    service: 'iam',
    operation: 'ListRoles',
    region,
    global: true,
    subject: 'roles',
  } as const;
  const pages = paginateListRoles({ client: run.client('iam', region) }, {}, run.sendOptions);
  await run.pages(spec, pages, async (page) => {
    for (const role of page.Roles ?? []) {
      if (!role.RoleName || !role.Arn) continue;
      await run.emit({
        type: 'iam:role',
        domain: 'iam',
        id: role.Arn,
        account: run.accountId,
        region: 'global',
        name: role.RoleName,
        tags: tagMap(role.Tags),
        attributes: {
          roleId: role.RoleId ?? null,
          path: role.Path ?? null,
          createDate: isoDate(role.CreateDate),
          maxSessionDuration: role.MaxSessionDuration ?? null,
        },
      });
      run.tally('iam').add('roles');
    }
  });
}

async function emitRoot(run: ScanRun, report: CredentialReport | undefined): Promise<void> {
  if (!report?.root) return;
  // The root principal is not an IAM user: it is kept apart and not counted among users.
  await run.emit({
    type: 'iam:root',
    domain: 'iam',
    id: report.root.arn || `arn:${run.partition}:iam::${run.accountId}:root`,
    account: run.accountId,
    region: 'global',
    name: '<root_account>',
    tags: {},
    attributes: {
      mfaActive: report.root.mfaActive,
      passwordEnabled: report.root.passwordEnabled,
      passwordLastUsed: report.root.passwordLastUsed,
      accessKeys: report.root.accessKeys,
    },
  });
}

/** Users (with their credential-report facts) and roles, once per account. */
async function collect(run: ScanRun, region: string): Promise<void> {
  // Together, never one left un-awaited: when a cancel makes the report's read throw first,
  // the roles' rejection must still have a handler, or Node prints it and exits.
  await Promise.all([
    listRoles(run, region),
    (async () => {
      const report = await readCredentialReport(run, region);
      await emitRoot(run, report);
      await listUsers(run, region, report);
    })(),
  ]);
}

export const iamCollector: Collector = {
  domain: 'iam',
  scope: 'global',
  collect,
  counted: ['users', 'roles'],
  // A list that failed is left out rather than shown as zero: `142 users; roles not readable`.
  okText: (tally) => {
    const unread = new Set(tally.gaps.map((gap) => gap.subject));
    const parts = [
      unread.has('users') ? undefined : plural(tally.count('users'), 'user'),
      unread.has('roles') ? undefined : plural(tally.count('roles'), 'role'),
    ];
    return parts.filter((part) => part !== undefined).join(', ');
  },
};
