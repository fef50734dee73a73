import { assertLocalEndpoint } from '../emulator-target.ts';

/**
 * How many results to queue. moto hands the next queued result to each GetCostAndUsage request
 * whose body it has not seen, then repeats it for that body; Test Access, the scan and any
 * re-scan each ask differently, so the queue must outlast them all.
 */
const QUEUED_RESULTS = 200;

/** Monthly totals in USD, oldest first; the last month is the one in progress. */
const MONTHLY_COST = ['18234.51', '19012.87', '20450.12', '7321.40'];

interface MetricValue {
  Amount: string;
  Unit: string;
}

/** One period of a GetCostAndUsage response, as AWS returns it. */
interface ResultByTime {
  TimePeriod: { Start: string; End: string };
  Total: Record<string, MetricValue>;
  Groups: never[];
  Estimated: boolean;
}

/** The last three full months and the current one to date, as AWS shapes them. */
export function costAndUsageResult(now: Date): {
  ResultsByTime: ResultByTime[];
  DimensionValueAttributes: never[];
} {
  const months = MONTHLY_COST.map((amount, index) => {
    const offset = index - (MONTHLY_COST.length - 1);
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 1));
    const current = offset === 0;
    const value = { Amount: amount, Unit: 'USD' };
    return {
      TimePeriod: { Start: day(start), End: day(current ? tomorrow(now) : end) },
      Total: { UnblendedCost: value, BlendedCost: value, AmortizedCost: value },
      Groups: [],
      Estimated: current,
    };
  });
  return { ResultsByTime: months, DimensionValueAttributes: [] };
}

/** Sets the billing data through moto's static Cost Explorer endpoint (no AWS call). */
export async function buildBilling(endpoint: string, now: Date): Promise<void> {
  assertLocalEndpoint(endpoint);
  const result = costAndUsageResult(now);
  const response = await fetch(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results: Array.from({ length: QUEUED_RESULTS }, () => result) }),
  });
  if (response.status !== 201) {
    throw new Error(`moto refused the Cost Explorer data: HTTP ${response.status}`);
  }
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function tomorrow(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
