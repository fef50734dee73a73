import { GetDetectorCommand, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { listSome, plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

/**
 * GuardDuty's detector per region (C27): enabled, suspended, or none (NOT ENABLED there). Each
 * region ends with an explicit result; none of them is an error.
 */
export function guardDutyCollector(): Collector {
  const suspended: string[] = [];
  return {
    domain: 'guardduty',
    scope: 'regional',
    counted: ['resources'],
    okText: (tally) => {
      const parts = [plural(tally.count('resources'), 'detector')];
      if (suspended.length > 0) parts.push(`suspended in ${listSome(suspended)}`);
      return parts.join('; ');
    },
    async collect(run: ScanRun, region: string) {
      const tally = run.tally('guardduty');
      const spec = {
        domain: 'guardduty',
        service: 'guardduty',
        operation: 'ListDetectors',
        region,
        subject: region,
      } as const;
      const ids: string[] = [];
      const pages = paginateListDetectors(
        { client: run.client('guardduty', region) },
        {},
        run.sendOptions,
      );
      const complete = await run.pages(spec, pages, (page) => {
        ids.push(...(page.DetectorIds ?? []));
      });
      if (complete && ids.length === 0) {
        tally.notEnabledIn.push(region);
        return;
      }
      for (const id of ids) {
        const detector = await run.call(
          { ...spec, operation: 'GetDetector', subject: `detector ${id}`, resource: id },
          (client) => client.send(new GetDetectorCommand({ DetectorId: id }), run.sendOptions),
        );
        const status = detector?.Status ?? null;
        if (status === 'DISABLED' && !suspended.includes(region)) suspended.push(region);
        await run.emit({
          type: 'guardduty:detector',
          domain: 'guardduty',
          id: `arn:${run.partition}:guardduty:${region}:${run.accountId}:detector/${id}`,
          account: run.accountId,
          region,
          name: id,
          tags: detector?.Tags ?? {},
          attributes: {
            // DISABLED is how the API says suspended; null when GetDetector failed.
            status: status === null ? null : status === 'ENABLED' ? 'enabled' : 'suspended',
            findingPublishingFrequency: detector?.FindingPublishingFrequency ?? null,
          },
        });
        tally.add('resources');
      }
    },
  };
}
