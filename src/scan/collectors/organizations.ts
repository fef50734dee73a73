import { DescribeOrganizationCommand, paginateListAccounts } from '@aws-sdk/client-organizations';
import { assessAwsError, isAccessDenied } from '../../aws/classify-error.ts';
import { plural } from '../domain-tally.ts';
import { guardedPages } from '../../aws/page-guard.ts';
import type { ScanRun } from '../scan-run.ts';
import { isoDate, type Collector } from './collector.ts';

async function listAccounts(run: ScanRun, region: string, member: boolean): Promise<void> {
  const tally = run.tally('organizations');
  const spec = {
    domain: 'organizations',
    service: 'organizations',
    operation: 'ListAccounts',
    region,
    global: true,
    subject: 'account list',
  } as const;
  const pages = paginateListAccounts(
    { client: run.client('organizations', region) },
    {},
    run.sendOptions,
  );
  let listed = 0;
  try {
    for await (const page of guardedPages(pages, spec.operation)) {
      tally.succeeded += 1;
      for (const account of page.Accounts ?? []) {
        if (!account.Id) continue;
        await run.emit({
          type: 'organizations:account',
          domain: 'organizations',
          id: account.Arn ?? account.Id,
          account: run.accountId,
          region: 'global',
          name: account.Name ?? account.Id,
          tags: {},
          attributes: {
            accountId: account.Id,
            state: account.State ?? account.Status ?? null,
            joinedMethod: account.JoinedMethod ?? null,
            joinedTimestamp: isoDate(account.JoinedTimestamp),
          },
        });
        listed += 1;
      }
    }
    tally.add('accounts', listed);
  } catch (error) {
    // C28 (b): only the management account (or a delegated admin) may list accounts. A member
    // account that is refused has nothing missing and no permission to add.
    if (member && isAccessDenied(error) && listed === 0) {
      tally.notes.push(
        'account list only available from the management or a delegated-admin account',
      );
      return;
    }
    await run.fail(spec, error);
    tally.add('accounts', listed);
  }
}

async function collect(run: ScanRun, region: string): Promise<void> {
  const tally = run.tally('organizations');
  let organization;
  try {
    organization = await run
      .client('organizations', region)
      .send(new DescribeOrganizationCommand({}), run.sendOptions);
    tally.succeeded += 1;
  } catch (error) {
    // C28 (a): a standalone account is an answer, not a failure.
    if (assessAwsError(error, { service: 'organizations' }).notEnabled === 'no-organization') {
      tally.notEnabled = 'standalone account';
      return;
    }
    const spec = { domain: 'organizations', service: 'organizations' } as const;
    await run.fail(
      { ...spec, operation: 'DescribeOrganization', region, global: true, subject: 'organization' },
      error,
    );
    return;
  }
  const management = organization.Organization?.MasterAccountId;
  tally.add('member', management === run.accountId ? 0 : 1);
  await listAccounts(run, region, management !== run.accountId);
}

export const organizationsCollector: Collector = {
  domain: 'organizations',
  scope: 'global',
  collect,
  counted: ['accounts'],
  okText: (tally) =>
    tally.count('member') === 1 && tally.count('accounts') === 0
      ? 'member account'
      : plural(tally.count('accounts'), 'account'),
};
