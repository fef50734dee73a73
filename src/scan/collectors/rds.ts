import { paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import { isoDate, tagMap, type Collector } from './collector.ts';

async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'rds',
    service: 'rds',
    operation: 'DescribeDBInstances',
    region,
    subject: region,
  } as const;
  const pages = paginateDescribeDBInstances(
    { client: run.client('rds', region), pageSize: 100 },
    {},
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    for (const db of page.DBInstances ?? []) {
      const id = db.DBInstanceIdentifier;
      if (!id) continue;
      await run.emit({
        type: 'rds:db-instance',
        domain: 'rds',
        id: db.DBInstanceArn ?? `arn:${run.partition}:rds:${region}:${run.accountId}:db:${id}`,
        account: run.accountId,
        region,
        name: id,
        tags: tagMap(db.TagList),
        attributes: {
          engine: db.Engine ?? null,
          engineVersion: db.EngineVersion ?? null,
          instanceClass: db.DBInstanceClass ?? null,
          status: db.DBInstanceStatus ?? null,
          multiAZ: db.MultiAZ ?? null,
          storageEncrypted: db.StorageEncrypted ?? null,
          publiclyAccessible: db.PubliclyAccessible ?? null,
          allocatedStorageGb: db.AllocatedStorage ?? null,
          createTime: isoDate(db.InstanceCreateTime),
        },
      });
      run.tally('rds').add('resources');
    }
  });
}

export const rdsCollector: Collector = {
  domain: 'rds',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'instance'),
};
