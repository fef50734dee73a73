import { DOMAINS } from '../core/domains.ts';
import { listResources, type AppContext } from '../app/index.ts';

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

const PAGE = 5000;

/**
 * Counts of the current EstateView's merged resources by domain and by region, for the
 * overview's charts. Read page by page through the app layer: the store has no grouped count
 * yet, and an estate of tens of thousands of resources is still a few pages.
 */
export function estateCharts(app: AppContext): EstateCharts {
  const byDomain = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const types = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = listResources(app, { offset, limit: PAGE });
    for (const item of page.items) {
      byDomain.set(item.domain, (byDomain.get(item.domain) ?? 0) + 1);
      byRegion.set(item.region, (byRegion.get(item.region) ?? 0) + 1);
      types.add(item.type);
    }
    if (page.items.length < PAGE) break;
  }

  return {
    // The overview's domain order, with its labels; domains with nothing seen are left out.
    byDomain: DOMAINS.filter((domain) => byDomain.has(domain.id)).map((domain) => ({
      label: domain.label,
      count: byDomain.get(domain.id) ?? 0,
    })),
    byRegion: [...byRegion.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, count]) => ({ label, count })),
    types: [...types].sort(),
  };
}
