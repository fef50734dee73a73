import {
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { errorCodeOf } from '../../aws/classify-error.ts';
import { PageTokens } from '../../aws/page-guard.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

/** The last full calendar month, in UTC: [first day of last month, first day of this month). */
export function lastFullMonth(now: Date): { Start: string; End: string } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { Start: start.toISOString().slice(0, 10), End: end.toISOString().slice(0, 10) };
}

async function collect(run: ScanRun, region: string): Promise<void> {
  const tally = run.tally('costexplorer');
  const spec = {
    domain: 'costexplorer',
    service: 'cost_explorer',
    operation: 'GetCostAndUsage',
    region,
    global: true,
    subject: 'billing data',
  } as const;
  const input: GetCostAndUsageCommandInput = {
    TimePeriod: lastFullMonth(run.now()),
    Granularity: 'MONTHLY',
    Metrics: ['UnblendedCost'],
  };
  let token: string | undefined;
  let total = 0;
  const tokens = new PageTokens(spec.operation);
  do {
    try {
      const answer = await run
        .client('cost_explorer', region)
        .send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }), run.sendOptions);
      tally.succeeded += 1;
      for (const period of answer.ResultsByTime ?? []) {
        tally.add('periods');
        total += Number(period.Total?.UnblendedCost?.Amount ?? 0);
      }
      token = answer.NextPageToken;
      tokens.check(token);
    } catch (error) {
      // C25 (b): a new account has no data yet; that is an answer, not a failure.
      if (errorCodeOf(error) === 'DataUnavailableException') {
        tally.succeeded += 1;
        tally.notes.push('no data yet');
        return;
      }
      const failure = await run.fail(spec, error);
      if (failure.kind === 'service-not-enabled') {
        tally.notEnabled = 'Cost Explorer not enabled for this account (payer setting)';
      }
      return;
    }
  } while (token);
  if (tally.count('periods') === 0) tally.notes.push('no data yet');
  else tally.add('lastMonthCost', Math.round(total * 100) / 100);
}

export const costExplorerCollector: Collector = {
  domain: 'costexplorer',
  scope: 'global',
  collect,
  counted: ['periods'],
  okText: (tally) => (tally.count('periods') > 0 ? 'billing data available' : ''),
};
