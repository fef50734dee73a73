import type { DatabaseSync } from 'node:sqlite';
import { READ_OPERATIONS } from '../aws/operations.ts';
import { DOMAINS, domainInfo } from '../core/domains.ts';

/** A row already in the version keeps its own values and gains the observers of the new one. */
const ADD_OBSERVERS = `ON CONFLICT (version_id, account, type, resource_id) DO UPDATE SET observed_by = (
       SELECT json_group_array(value) FROM (
         SELECT value FROM json_each(resources.observed_by)
         UNION SELECT value FROM json_each(excluded.observed_by) ORDER BY value))`;

/**
 * Copies into version `to` what the given profiles observed in version `from`: resources
 * (keeping only those profiles in observed_by, merged with rows already there), coverage,
 * failures and their per-profile record. Used for every profile a refresh did not scan,
 * disabled ones included, so the diff never reports an unscanned account's
 * resources as removed.
 */
export function carryOver(
  db: DatabaseSync,
  from: number,
  to: number,
  profiles: readonly string[],
  parts: { readonly coverage: boolean } = { coverage: true },
): void {
  if (profiles.length === 0) return;
  const names = JSON.stringify([...profiles]);
  db.prepare(
    `INSERT INTO resources (version_id, account, type, resource_id, domain, region, name, tags,
       attributes, observed_by)
     SELECT ?, r.account, r.type, r.resource_id, r.domain, r.region, r.name, r.tags,
       r.attributes,
       (SELECT json_group_array(value) FROM (SELECT o.value FROM json_each(r.observed_by) o
          WHERE o.value IN (SELECT value FROM json_each(?)) ORDER BY o.value))
     FROM resources r
     WHERE r.version_id = ? AND EXISTS (SELECT 1 FROM json_each(r.observed_by) o
       WHERE o.value IN (SELECT value FROM json_each(?)))
     ${ADD_OBSERVERS}`,
  ).run(to, names, from, names);
  // A profile whose scan failed authentication keeps its resources but not its old coverage.
  if (!parts.coverage) return;
  db.prepare(
    `INSERT OR REPLACE INTO coverage (version_id, profile, domain, status, detail, counts)
     SELECT ?, profile, domain, status, detail, counts FROM coverage
     WHERE version_id = ? AND profile IN (SELECT value FROM json_each(?))`,
  ).run(to, from, names);
  db.prepare(
    `INSERT INTO failures (version_id, profile, domain, region, operation, action, error_code,
       http_status, kind, denied_by, fix, message)
     SELECT ?, profile, domain, region, operation, action, error_code, http_status, kind,
       denied_by, fix, message FROM failures
     WHERE version_id = ? AND profile IN (SELECT value FROM json_each(?))`,
  ).run(to, from, names);
}

/** Copies the per-profile record (account, when scanned, error) of carried profiles. */
export function carryOverProfileRecords(
  db: DatabaseSync,
  from: number,
  to: number,
  profiles: readonly string[],
): void {
  db.prepare(
    `INSERT OR IGNORE INTO version_profiles (version_id, profile, account_id, scanned,
       scanned_at, error)
     SELECT ?, profile, account_id, 0, scanned_at, error FROM version_profiles
     WHERE version_id = ? AND profile IN (SELECT value FROM json_each(?))`,
  ).run(to, from, JSON.stringify([...profiles]));
}

/**
 * Drops from version `to` what only carried-over profiles (disabled, or not named) had seen,
 * where a profile of the same account scanned now read that domain in full and did not see
 * it: AWS no longer has it. What no scan now could confirm either way is kept.
 */
export function dropWhatScansNoLongerSee(db: DatabaseSync, to: number): void {
  db.prepare(
    `DELETE FROM resources
     WHERE version_id = ?1
       AND NOT EXISTS (
         SELECT 1 FROM json_each(resources.observed_by) o
         JOIN version_profiles vp ON vp.version_id = ?1 AND vp.profile = o.value
         WHERE vp.scanned = 1)
       AND EXISTS (
         SELECT 1 FROM version_profiles vp
         JOIN coverage c ON c.version_id = vp.version_id AND c.profile = vp.profile
         WHERE vp.version_id = ?1 AND vp.scanned = 1 AND vp.error IS NULL
           AND vp.account_id = resources.account AND c.domain = resources.domain
           AND c.status = 'OK')`,
  ).run(to);
}

/**
 * What each list call's failure leaves unread, from the table of read operations: the types it
 * lists, in every region when its domain is read once per account, else in the region it
 * failed in. Without the regions list, no region but the profile's own is scanned, so every
 * regional domain is unread elsewhere.
 */
const UNREAD_WHEN_FAILED = JSON.stringify([
  ...READ_OPERATIONS.flatMap((operation) =>
    (operation.lists ?? []).map((type) => ({
      action: operation.action,
      type,
      every: operation.domain !== 'account' && domainInfo(operation.domain).scope !== 'regional',
    })),
  ),
  ...DOMAINS.filter((domain) => domain.scope === 'regional').map((domain) => ({
    action: 'ec2:DescribeRegions',
    domain: domain.id,
    every: true,
  })),
]);

/**
 * Keeps in version `to` what `profile` saw in version `from` where its scan now could not
 * list again: a list call that failed (denied, throttled, no answer) says nothing about what
 * exists, so what it last listed is neither removed nor re-dated. A service or region that is
 * switched off is an answer, and keeps nothing. Only for the account the profile signs in to.
 */
export function keepWhatCouldNotBeListed(
  db: DatabaseSync,
  from: number,
  to: number,
  profile: string,
): void {
  db.prepare(
    `INSERT INTO resources (version_id, account, type, resource_id, domain, region, name, tags,
       attributes, observed_by)
     SELECT ?1, r.account, r.type, r.resource_id, r.domain, r.region, r.name, r.tags,
       r.attributes, json_array(?2)
     FROM resources r
     WHERE r.version_id = ?3
       AND EXISTS (SELECT 1 FROM json_each(r.observed_by) o WHERE o.value = ?2)
       AND r.account = (SELECT account_id FROM version_profiles
                        WHERE version_id = ?1 AND profile = ?2)
       AND EXISTS (
         SELECT 1 FROM failures f, json_each(?4) l
         WHERE f.version_id = ?1 AND f.profile = ?2
           AND f.kind NOT IN ('region-not-enabled', 'service-not-enabled')
           AND json_extract(l.value, '$.action') = f.action
           AND (json_extract(l.value, '$.type') = r.type
             OR json_extract(l.value, '$.domain') = r.domain)
           AND (json_extract(l.value, '$.every') OR f.region = r.region))
     ${ADD_OBSERVERS}`,
  ).run(to, profile, from, UNREAD_WHEN_FAILED);
}
