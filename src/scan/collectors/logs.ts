import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'logs',
    service: 'cloudwatch_logs',
    operation: 'DescribeLogGroups',
    region,
    subject: region,
  } as const;
  const pages = paginateDescribeLogGroups(
    { client: run.client('cloudwatch_logs', region), pageSize: 50 },
    {},
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    for (const group of page.logGroups ?? []) {
      if (!group.logGroupName) continue;
      // The API's `arn` ends in `:*` (all streams); the group itself is the ARN without it.
      const arn =
        group.logGroupArn ??
        group.arn?.replace(/:\*$/, '') ??
        `arn:${run.partition}:logs:${region}:${run.accountId}:log-group:${group.logGroupName}`;
      await run.emit({
        type: 'logs:log-group',
        domain: 'logs',
        id: arn,
        account: run.accountId,
        region,
        name: group.logGroupName,
        tags: {},
        attributes: {
          retentionInDays: group.retentionInDays ?? null,
          storedBytes: group.storedBytes ?? null,
          creationTime: group.creationTime ? new Date(group.creationTime).toISOString() : null,
          kmsKeyId: group.kmsKeyId ?? null,
          logGroupClass: group.logGroupClass ?? null,
        },
      });
      run.tally('logs').add('resources');
    }
  });
}

export const logsCollector: Collector = {
  domain: 'logs',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'log group'),
};
