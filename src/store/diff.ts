import type { DatabaseSync } from 'node:sqlite';
import { readStoredJson } from './json.ts';

export type ChangeKind = 'added' | 'removed' | 'modified';

export interface ChangeCounts {
  readonly added: number;
  readonly removed: number;
  readonly modified: number;
}

/**
 * Attribute keys left out of the "modified" comparison (they stay stored): "last used" dates
 * move with every scan, since the scan's own calls use the keys (the credential report's
 * `access_key_N_last_used_date`, `password_last_used`), and `ageDays` follows the clock while
 * `lastRotated`, which it is derived from, is still compared.
 */
const VOLATILE_KEYS = new Set(['lastUsed', 'passwordLastUsed', 'ageDays']);

function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE_KEYS.has(key))
        .map(([key, inner]) => [key, withoutVolatile(inner)]),
    );
  }
  return value;
}

function attributesOf(text: string): Record<string, unknown> {
  const parsed = withoutVolatile(readStoredJson(text, 'resources.attributes'));
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/**
 * 1 when an attribute known in both versions changed (volatile ones aside). `null` is
 * "unknown": a setting this scan could not read, or one an older Escher did not record, has
 * not changed because it is null on one side; a diff must not report what nobody saw change.
 */
function attributesDiffer(next: unknown, previous: unknown): number {
  if (typeof next !== 'string' || typeof previous !== 'string') return next === previous ? 0 : 1;
  const now = attributesOf(next);
  const before = attributesOf(previous);
  for (const [key, value] of Object.entries(now)) {
    const old = before[key];
    if (value === null || value === undefined || old === null || old === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(old)) return 1;
  }
  return 0;
}

/**
 * Records what changed from version `previous` to version `next`, by resource identity
 * (account, type, id): added, removed, and modified when its name, tags or an attribute known
 * in both differ (volatile attributes aside). Stored JSON is canonical, so comparing the text compares the
 * values. All in SQL: the estate never has to fit in memory.
 */
export function recordChanges(db: DatabaseSync, previous: number, next: number): ChangeCounts {
  db.function('escher_attributes_differ', { deterministic: true }, attributesDiffer);
  db.prepare(
    `INSERT INTO changes (version_id, account, type, resource_id, change, name)
     SELECT ?, n.account, n.type, n.resource_id, 'added', n.name FROM resources n
     WHERE n.version_id = ? AND NOT EXISTS (
       SELECT 1 FROM resources p WHERE p.version_id = ? AND p.account = n.account
         AND p.type = n.type AND p.resource_id = n.resource_id)`,
  ).run(next, next, previous);
  db.prepare(
    `INSERT INTO changes (version_id, account, type, resource_id, change, name)
     SELECT ?, p.account, p.type, p.resource_id, 'removed', p.name FROM resources p
     WHERE p.version_id = ? AND NOT EXISTS (
       SELECT 1 FROM resources n WHERE n.version_id = ? AND n.account = p.account
         AND n.type = p.type AND n.resource_id = p.resource_id)`,
  ).run(next, previous, next);
  db.prepare(
    `INSERT INTO changes (version_id, account, type, resource_id, change, name)
     SELECT ?, n.account, n.type, n.resource_id, 'modified', n.name FROM resources n
     JOIN resources p ON p.version_id = ? AND p.account = n.account AND p.type = n.type
       AND p.resource_id = n.resource_id
     WHERE n.version_id = ?
       AND (n.name <> p.name OR n.tags <> p.tags
         OR escher_attributes_differ(n.attributes, p.attributes) = 1)`,
  ).run(next, previous, next);
  return countChanges(db, next);
}

export function countChanges(db: DatabaseSync, version: number): ChangeCounts {
  const rows = db
    .prepare('SELECT change, count(*) AS n FROM changes WHERE version_id = ? GROUP BY change')
    .all(version) as unknown as { change: ChangeKind; n: number }[];
  const count = (kind: ChangeKind): number => rows.find((row) => row.change === kind)?.n ?? 0;
  return { added: count('added'), removed: count('removed'), modified: count('modified') };
}

export interface ResourceChange {
  readonly change: ChangeKind;
  readonly account: string;
  readonly type: string;
  readonly id: string;
  readonly name: string;
}

export function listChanges(
  db: DatabaseSync,
  version: number,
  options: { limit?: number; offset?: number } = {},
): ResourceChange[] {
  const rows = db
    .prepare(
      `SELECT change, account, type, resource_id, name FROM changes WHERE version_id = ?
       ORDER BY change, type, resource_id LIMIT ? OFFSET ?`,
    )
    .all(version, options.limit ?? -1, options.offset ?? 0) as unknown as {
    change: ChangeKind;
    account: string;
    type: string;
    resource_id: string;
    name: string;
  }[];
  return rows.map((row) => ({
    change: row.change,
    account: row.account,
    type: row.type,
    id: row.resource_id,
    name: row.name,
  }));
}
