import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

async function emitTrail(run: ScanRun, trail: Trail, arn: string, region: string) {
  // Ask the trail's home region: a shadow copy elsewhere may not answer for it.
  const home =
    trail.HomeRegion && run.scanned.includes(trail.HomeRegion) ? trail.HomeRegion : region;
  const status = await run.call(
    {
      domain: 'cloudtrail',
      service: 'cloudtrail',
      operation: 'GetTrailStatus',
      region: home,
      subject: `trail ${trail.Name ?? arn}`,
      resource: arn,
    },
    (client) => client.send(new GetTrailStatusCommand({ Name: arn }), run.sendOptions),
  );
  await run.emit({
    type: 'cloudtrail:trail',
    domain: 'cloudtrail',
    id: arn,
    account: run.accountId,
    region: trail.HomeRegion ?? region,
    name: trail.Name ?? arn,
    tags: {},
    attributes: {
      homeRegion: trail.HomeRegion ?? null,
      multiRegion: trail.IsMultiRegionTrail ?? null,
      organizationTrail: trail.IsOrganizationTrail ?? null,
      s3BucketName: trail.S3BucketName ?? null,
      logFileValidation: trail.LogFileValidationEnabled ?? null,
      kmsKeyId: trail.KmsKeyId ?? null,
      // Null when GetTrailStatus failed: unknown, not "not logging".
      isLogging: status ? (status.IsLogging ?? false) : null,
    },
  });
  run.tally('cloudtrail').add('resources');
}

/**
 * Trails of every region, each counted once by ARN: a multi-region trail shows up in every
 * region (as a shadow trail) but is one trail.
 */
export function cloudTrailCollector(): Collector {
  const seen = new Set<string>();
  return {
    domain: 'cloudtrail',
    scope: 'regional',
    counted: ['resources'],
    okText: (tally) => `${plural(tally.count('resources'), 'trail')} found`,
    async collect(run, region) {
      const spec = {
        domain: 'cloudtrail',
        service: 'cloudtrail',
        operation: 'DescribeTrails',
        region,
        subject: region,
      } as const;
      const answer = await run.call(spec, (client) =>
        client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), run.sendOptions),
      );
      const fresh = (answer?.trailList ?? []).filter((trail) => {
        const arn = trail.TrailARN;
        if (!arn || seen.has(arn)) return false;
        seen.add(arn);
        return true;
      });
      await Promise.all(fresh.map((trail) => emitTrail(run, trail, trail.TrailARN ?? '', region)));
    },
  };
}
