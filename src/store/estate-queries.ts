import { DOMAIN_IDS, type DomainId } from '../core/domains.ts';
import type { DomainStatus, FailureKind } from '../core/status.ts';
import type { Store } from './database.ts';
import { parseJsonObject, parseStringArray, resourcePlace } from './json.ts';

/** A resource of a version, merged across the profiles that observed it. */
export interface StoredResource {
  readonly account: string;
  readonly type: string;
  readonly id: string;
  readonly domain: string;
  readonly region: string;
  readonly name: string;
  readonly tags: Record<string, string>;
  readonly attributes: Record<string, unknown>;
  readonly observedBy: string[];
}

export interface ResourceFilter {
  readonly type?: string;
  /** Only resources this profile observed. */
  readonly profile?: string;
  /** Case-insensitive substring of the id, name, type or region. */
  readonly search?: string;
  /**
   * Only resources one of these profiles observed: a version also keeps what disabled profiles
   * last saw (so re-enabling them loses nothing), which the estate's views leave out.
   */
  readonly observedByAny?: readonly string[];
  /** Leave these types out (an account's settings, in the estate's totals). */
  readonly excludeTypes?: readonly string[];
}

interface ResourceRow {
  account: string;
  type: string;
  resource_id: string;
  domain: string;
  region: string;
  name: string;
  tags: string;
  attributes: string;
  observed_by: string;
}

function whereClause(filter: ResourceFilter): { sql: string; params: (string | number)[] } {
  const parts = ['version_id = ?'];
  const params: string[] = [];
  if (filter.type !== undefined) {
    parts.push('type = ?');
    params.push(filter.type);
  }
  if (filter.profile !== undefined) {
    parts.push('EXISTS (SELECT 1 FROM json_each(observed_by) o WHERE o.value = ?)');
    params.push(filter.profile);
  }
  if (filter.observedByAny !== undefined) {
    parts.push(
      'EXISTS (SELECT 1 FROM json_each(observed_by) o WHERE o.value IN (SELECT value FROM json_each(?)))',
    );
    params.push(JSON.stringify(filter.observedByAny));
  }
  if (filter.excludeTypes !== undefined && filter.excludeTypes.length > 0) {
    parts.push('type NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.excludeTypes));
  }
  if (filter.search !== undefined && filter.search !== '') {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      "(resource_id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR type LIKE ? ESCAPE '\\' " +
        "OR region LIKE ? ESCAPE '\\')",
    );
    params.push(pattern, pattern, pattern, pattern);
  }
  return { sql: parts.join(' AND '), params };
}

export function countResources(store: Store, version: number, filter: ResourceFilter): number {
  const where = whereClause(filter);
  const row = store.db
    .prepare(`SELECT count(*) AS n FROM resources WHERE ${where.sql}`)
    .get(version, ...where.params) as { n: number };
  return row.n;
}

export function queryResources(
  store: Store,
  version: number,
  filter: ResourceFilter,
  page: { offset: number; limit: number },
): StoredResource[] {
  const where = whereClause(filter);
  const rows = store.db
    .prepare(
      `SELECT * FROM resources WHERE ${where.sql}
       ORDER BY type, account, region, name, resource_id LIMIT ? OFFSET ?`,
    )
    .all(version, ...where.params, page.limit, page.offset) as unknown as ResourceRow[];
  return rows.map((row) => ({
    account: row.account,
    type: row.type,
    id: row.resource_id,
    domain: row.domain,
    region: row.region,
    name: row.name,
    tags: parseJsonObject(row.tags, resourcePlace('tags', row.resource_id)) as Record<
      string,
      string
    >,
    attributes: parseJsonObject(row.attributes, resourcePlace('attributes', row.resource_id)),
    observedBy: parseStringArray(row.observed_by, resourcePlace('observed_by', row.resource_id)),
  }));
}

const GROUPABLE = { type: 'type', domain: 'domain', region: 'region' } as const;

/** Resource counts of a version grouped by type, domain or region, for summaries and charts. */
export function countResourcesBy(
  store: Store,
  version: number,
  by: keyof typeof GROUPABLE,
  filter: ResourceFilter = {},
): { key: string; count: number }[] {
  // The column comes from the fixed map above, never from input.
  const column = GROUPABLE[by];
  const where = whereClause(filter);
  return store.db
    .prepare(
      `SELECT ${column} AS key, count(*) AS count FROM resources WHERE ${where.sql}
       GROUP BY ${column} ORDER BY ${column}`,
    )
    .all(version, ...where.params) as unknown as { key: string; count: number }[];
}

export interface StoredCoverage {
  readonly domain: DomainId;
  readonly status: DomainStatus;
  readonly detail: string;
  readonly counts: Record<string, number>;
}

export function coverageOf(store: Store, version: number, profile: string): StoredCoverage[] {
  const rows = store.db
    .prepare(
      'SELECT domain, status, detail, counts FROM coverage WHERE version_id = ? AND profile = ?',
    )
    .all(version, profile) as unknown as {
    domain: DomainId;
    status: DomainStatus;
    detail: string;
    counts: string;
  }[];
  // The overview's domain order (DOMAIN_IDS), so text and JSON list domains alike.
  const order = (domain: DomainId): number => DOMAIN_IDS.indexOf(domain);
  return rows
    .sort((a, b) => order(a.domain) - order(b.domain))
    .map((row) => ({
      domain: row.domain,
      status: row.status,
      detail: row.detail,
      counts: parseJsonObject(row.counts, `coverage.counts of domain ${row.domain}`) as Record<
        string,
        number
      >,
    }));
}

export interface StoredFailure {
  readonly domain: DomainId;
  readonly region: string;
  readonly operation: string;
  readonly action: string;
  readonly errorCode: string;
  readonly httpStatus?: number;
  readonly kind: FailureKind;
  readonly deniedBy?: string;
  readonly fix: string;
  readonly message: string;
}

export function failuresOf(store: Store, version: number, profile: string): StoredFailure[] {
  const rows = store.db
    .prepare(
      `SELECT domain, region, operation, action, error_code, http_status, kind, denied_by, fix,
         message FROM failures WHERE version_id = ? AND profile = ? ORDER BY id`,
    )
    .all(version, profile) as unknown as {
    domain: DomainId;
    region: string;
    operation: string;
    action: string;
    error_code: string;
    http_status: number | null;
    kind: FailureKind;
    denied_by: string | null;
    fix: string;
    message: string;
  }[];
  // Arrival order depends on which concurrent call failed first; the overview's domain order,
  // then region and operation, gives the same list on every run.
  const order = (domain: DomainId): number => DOMAIN_IDS.indexOf(domain);
  const byPlace = (a: (typeof rows)[number], b: (typeof rows)[number]): number =>
    order(a.domain) - order(b.domain) ||
    a.region.localeCompare(b.region) ||
    a.operation.localeCompare(b.operation);
  return [...rows].sort(byPlace).map((row) => ({
    domain: row.domain,
    region: row.region,
    operation: row.operation,
    action: row.action,
    errorCode: row.error_code,
    ...(row.http_status !== null ? { httpStatus: row.http_status } : {}),
    kind: row.kind,
    ...(row.denied_by !== null ? { deniedBy: row.denied_by } : {}),
    fix: row.fix,
    message: row.message,
  }));
}

export interface VersionProfileRecord {
  readonly profile: string;
  readonly accountId?: string;
  /** False when carried over from an earlier version. */
  readonly scanned: boolean;
  readonly scannedAt?: string;
  readonly error?: string;
}

export function profileRecordOf(
  store: Store,
  version: number,
  profile: string,
): VersionProfileRecord | undefined {
  const row = store.db
    .prepare(
      `SELECT profile, account_id, scanned, scanned_at, error FROM version_profiles
       WHERE version_id = ? AND profile = ?`,
    )
    .get(version, profile) as
    | {
        profile: string;
        account_id: string | null;
        scanned: number;
        scanned_at: string | null;
        error: string | null;
      }
    | undefined;
  if (!row) return undefined;
  return {
    profile: row.profile,
    ...(row.account_id !== null ? { accountId: row.account_id } : {}),
    scanned: row.scanned === 1,
    ...(row.scanned_at !== null ? { scannedAt: row.scanned_at } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}
