import { DOMAINS } from '../core/domains.ts';
import { getResourceCounts, type AppContext } from '../app/index.ts';

export interface CountRow {
  readonly label: string;
  readonly count: number;
}

export interface EstateCharts {
  readonly byDomain: readonly CountRow[];
  readonly byRegion: readonly CountRow[];
  /** Every resource type present, for the Resources screen's filter. */
  readonly types: readonly string[];
}

/**
 * The overview's charts: the current EstateView's merged resources counted by domain and by
 * region (grouped in SQL, so the page costs the same whatever the estate's size).
 */
export function estateCharts(app: AppContext): EstateCharts {
  const counts = getResourceCounts(app);
  const byDomain = new Map(counts.byDomain.map((row) => [row.key, row.count]));
  return {
    // The overview's domain order, with its labels; domains with nothing seen are left out.
    byDomain: DOMAINS.filter((domain) => byDomain.has(domain.id)).map((domain) => ({
      label: domain.label,
      count: byDomain.get(domain.id) ?? 0,
    })),
    byRegion: counts.byRegion.map((row) => ({ label: row.key, count: row.count })),
    types: counts.byType.map((row) => row.key),
  };
}
