import { paginateGetFindings } from '@aws-sdk/client-securityhub';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

/**
 * Security Hub findings per region. A region where Security Hub was never enabled answers
 * `InvalidAccessException` (C26): that region is NOT ENABLED and the others go on.
 */
async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'securityhub',
    service: 'securityhub',
    operation: 'GetFindings',
    region,
    subject: region,
  } as const;
  const pages = paginateGetFindings(
    { client: run.client('securityhub', region), pageSize: 100 },
    {},
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    for (const finding of page.Findings ?? []) {
      if (!finding.Id) continue;
      await run.emit({
        type: 'securityhub:finding',
        domain: 'securityhub',
        id: finding.Id,
        account: finding.AwsAccountId ?? run.accountId,
        region: finding.Region ?? region,
        name: finding.Title ?? finding.Id,
        tags: {},
        attributes: {
          severity: finding.Severity?.Label ?? null,
          productArn: finding.ProductArn ?? null,
          generatorId: finding.GeneratorId ?? null,
          workflowStatus: finding.Workflow?.Status ?? null,
          recordState: finding.RecordState ?? null,
          compliance: finding.Compliance?.Status ?? null,
          resources: (finding.Resources ?? []).map((resource) => resource.Id ?? ''),
          updatedAt: finding.UpdatedAt ?? null,
        },
      });
      run.tally('securityhub').add('resources');
    }
  });
}

export const securityHubCollector: Collector = {
  domain: 'securityhub',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'finding'),
};
