import { paginateDescribeConfigRules } from '@aws-sdk/client-config-service';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'config',
    service: 'config_service',
    operation: 'DescribeConfigRules',
    region,
    subject: region,
  } as const;
  const pages = paginateDescribeConfigRules(
    { client: run.client('config_service', region) },
    {},
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    for (const rule of page.ConfigRules ?? []) {
      if (!rule.ConfigRuleName) continue;
      await run.emit({
        type: 'config:rule',
        domain: 'config',
        id: rule.ConfigRuleArn ?? rule.ConfigRuleName,
        account: run.accountId,
        region,
        name: rule.ConfigRuleName,
        tags: {},
        attributes: {
          state: rule.ConfigRuleState ?? null,
          owner: rule.Source?.Owner ?? null,
          sourceIdentifier: rule.Source?.SourceIdentifier ?? null,
        },
      });
      run.tally('config').add('resources');
    }
  });
}

export const configCollector: Collector = {
  domain: 'config',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'rule'),
};
