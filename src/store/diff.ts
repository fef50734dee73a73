import type { DatabaseSync } from 'node:sqlite';

export type ChangeKind = 'added' | 'removed' | 'modified';

export interface ChangeCounts {
  readonly added: number;
  readonly removed: number;
  readonly modified: number;
}

/**
 * Records what changed from version `previous` to version `next`, by resource identity
 * (account, type, id): added, removed, and modified when its name, tags or attributes differ.
 * Stored JSON is canonical, so comparing the text compares the values. All in SQL: the
 * estate never has to fit in memory.
 */
export function recordChanges(db: DatabaseSync, previous: number, next: number): ChangeCounts {
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
       AND (n.name <> p.name OR n.tags <> p.tags OR n.attributes <> p.attributes)`,
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
