import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'cloudwatch',
    service: 'cloudwatch',
    operation: 'DescribeAlarms',
    region,
    subject: region,
  } as const;
  const pages = paginateDescribeAlarms(
    { client: run.client('cloudwatch', region), pageSize: 100 },
    { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    const alarms = [
      ...(page.MetricAlarms ?? []).map((alarm) => ({ alarm, kind: 'metric' as const })),
      ...(page.CompositeAlarms ?? []).map((alarm) => ({ alarm, kind: 'composite' as const })),
    ];
    for (const { alarm, kind } of alarms) {
      if (!alarm.AlarmName) continue;
      const metric = kind === 'metric' && 'MetricName' in alarm ? alarm : undefined;
      await run.emit({
        type: 'cloudwatch:alarm',
        domain: 'cloudwatch',
        id:
          alarm.AlarmArn ??
          `arn:${run.partition}:cloudwatch:${region}:${run.accountId}:alarm:${alarm.AlarmName}`,
        account: run.accountId,
        region,
        name: alarm.AlarmName,
        tags: {},
        attributes: {
          kind,
          state: alarm.StateValue ?? null,
          actionsEnabled: alarm.ActionsEnabled ?? null,
          namespace: metric?.Namespace ?? null,
          metricName: metric?.MetricName ?? null,
        },
      });
      run.tally('cloudwatch').add('resources');
    }
  });
}

export const cloudWatchCollector: Collector = {
  domain: 'cloudwatch',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'alarm'),
};
