import { paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import { isoDate, tagMap, type Collector } from './collector.ts';

/** Every state but `terminated`: a terminated instance is gone, whatever the API still shows. */
const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'ec2',
    service: 'ec2',
    operation: 'DescribeInstances',
    region,
    subject: region,
  } as const;
  const pages = paginateDescribeInstances(
    { client: run.client('ec2', region), pageSize: 1000 },
    { Filters: [{ Name: 'instance-state-name', Values: LIVE_STATES }] },
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        const id = instance.InstanceId;
        if (!id || instance.State?.Name === 'terminated') continue;
        const tags = tagMap(instance.Tags);
        await run.emit({
          type: 'ec2:instance',
          domain: 'ec2',
          id: `arn:${run.partition}:ec2:${region}:${run.accountId}:instance/${id}`,
          account: run.accountId,
          region,
          name: tags.Name ?? id,
          tags,
          attributes: {
            instanceId: id,
            instanceType: instance.InstanceType ?? null,
            state: instance.State?.Name ?? null,
            vpcId: instance.VpcId ?? null,
            subnetId: instance.SubnetId ?? null,
            imageId: instance.ImageId ?? null,
            launchTime: isoDate(instance.LaunchTime),
            platform: instance.PlatformDetails ?? instance.Platform ?? null,
            publicIp: instance.PublicIpAddress !== undefined,
          },
        });
        run.tally('ec2').add('resources');
      }
    }
  });
}

export const ec2Collector: Collector = {
  domain: 'ec2',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'resource'),
};
