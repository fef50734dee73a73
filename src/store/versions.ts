import type { Store } from './database.ts';
import { inTransaction } from './database.ts';

/** One EstateView version as the store records it. */
export interface EstateVersion {
  readonly id: number;
  readonly startedAt: string;
  readonly completedAt?: string;
  readonly state: 'pending' | 'complete' | 'abandoned';
  readonly previousId?: number;
  /** Changes since the previous complete version; absent for the first version. */
  readonly changes?: {
    readonly added: number;
    readonly removed: number;
    readonly modified: number;
  };
}

/** A refresh is already writing a version; two would race for the next one. */
export class RefreshBusyError extends Error {
  readonly ownerPid: number;
  readonly versionId: number;
  constructor(ownerPid: number, versionId: number) {
    super(
      `another refresh (process ${ownerPid}) is writing EstateView version ${versionId}; ` +
        'wait for it to finish',
    );
    this.name = 'RefreshBusyError';
    this.ownerPid = ownerPid;
    this.versionId = versionId;
  }
}

interface VersionRow {
  id: number;
  started_at: string;
  completed_at: string | null;
  state: EstateVersion['state'];
  owner_pid: number;
  owner_token: string | null;
  previous_id: number | null;
  added: number | null;
  removed: number | null;
  modified: number | null;
}

/** The version readers see: the newest complete one. Pending and abandoned ones never are. */
export function currentVersion(store: Store): EstateVersion | undefined {
  const row = store.db
    .prepare("SELECT * FROM estate_versions WHERE state = 'complete' ORDER BY id DESC LIMIT 1")
    .get();
  return row ? fromRow(row as unknown as VersionRow) : undefined;
}

export function getVersion(store: Store, id: number): EstateVersion | undefined {
  const row = store.db.prepare('SELECT * FROM estate_versions WHERE id = ?').get(id);
  return row ? fromRow(row as unknown as VersionRow) : undefined;
}

export function listVersions(store: Store): EstateVersion[] {
  return store.db
    .prepare('SELECT * FROM estate_versions ORDER BY id')
    .all()
    .map((row) => fromRow(row as unknown as VersionRow));
}

/**
 * Marks every pending version whose writer is gone as abandoned and drops its rows: a killed
 * scan leaves the last complete version current. Returns the ids abandoned.
 */
export function abandonDeadVersions(store: Store): number[] {
  const dead = pendingVersions(store)
    .filter((row) => !ownerAlive(store, row))
    .map((row) => row.id);
  if (dead.length === 0) return [];
  inTransaction(store.db, () => {
    for (const id of dead) abandonVersionRows(store, id);
    // Nothing scans any more, so no profile is Active.
    const live = store.db
      .prepare("SELECT count(*) AS n FROM estate_versions WHERE state = 'pending'")
      .get() as { n: number };
    if (live.n === 0) {
      store.db.exec("UPDATE profiles SET lifecycle = 'Enabled' WHERE lifecycle = 'Active'");
      store.db.exec(
        "UPDATE profiles SET previous_lifecycle = 'Enabled' WHERE previous_lifecycle = 'Active'",
      );
    }
  });
  return dead;
}

/** Inside a transaction: abandons one pending version and frees its rows. */
export function abandonVersionRows(store: Store, id: number): void {
  for (const table of ['resources', 'coverage', 'failures', 'changes', 'version_profiles']) {
    // Table names come from the fixed list above, never from input.
    store.db.prepare(`DELETE FROM ${table} WHERE version_id = ?`).run(id);
  }
  store.db
    .prepare(
      "UPDATE estate_versions SET state = 'abandoned', completed_at = ? WHERE id = ? AND state = 'pending'",
    )
    .run(store.now().toISOString(), id);
}

/**
 * Inside a transaction: refuses when a live process writes a version, abandons dead ones,
 * and opens a new pending version owned by this process.
 */
export function openPendingVersion(store: Store): { id: number; previousId?: number } {
  for (const row of pendingVersions(store)) {
    if (ownerAlive(store, row)) throw new RefreshBusyError(row.owner_pid, row.id);
    abandonVersionRows(store, row.id);
  }
  const previousId = currentVersion(store)?.id;
  // Attempts that never completed after the current version give their numbers back, so the
  // version after v1 is v2 however many scans were killed in between.
  store.db
    .prepare("DELETE FROM estate_versions WHERE state = 'abandoned' AND id > ?")
    .run(previousId ?? 0);
  store.db
    .prepare(
      `UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(id), 0) FROM estate_versions)
       WHERE name = 'estate_versions'`,
    )
    .run();
  const inserted = store.db
    .prepare(
      `INSERT INTO estate_versions (started_at, state, owner_pid, owner_token, previous_id)
       VALUES (?, 'pending', ?, ?, ?)`,
    )
    .run(store.now().toISOString(), store.pid, store.ownerToken, previousId ?? null);
  return { id: Number(inserted.lastInsertRowid), ...(previousId ? { previousId } : {}) };
}

/** Inside a transaction: makes a pending version current, recording its change counts. */
export function completeVersion(store: Store, id: number, changes: EstateVersion['changes']): void {
  const result = store.db
    .prepare(
      `UPDATE estate_versions SET state = 'complete', completed_at = ?, added = ?, removed = ?,
         modified = ?
       WHERE id = ? AND state = 'pending'`,
    )
    .run(
      store.now().toISOString(),
      changes?.added ?? null,
      changes?.removed ?? null,
      changes?.modified ?? null,
      id,
    );
  if (result.changes !== 1) {
    throw new Error(`EstateView version ${id} is no longer pending; it cannot become current`);
  }
}

function fromRow(row: VersionRow): EstateVersion {
  return {
    id: row.id,
    startedAt: row.started_at,
    ...(row.completed_at !== null ? { completedAt: row.completed_at } : {}),
    state: row.state,
    ...(row.previous_id !== null ? { previousId: row.previous_id } : {}),
    ...(row.added !== null && row.removed !== null && row.modified !== null
      ? { changes: { added: row.added, removed: row.removed, modified: row.modified } }
      : {}),
  };
}

/**
 * How many complete versions keep their resources. Every command reads the current version,
 * and the diff the one before it; older versions keep their time, coverage, failed calls and
 * change counts, so the store stops growing with each scan of an unchanged estate.
 */
export const VERSIONS_WITH_RESOURCES = 10;

/** Inside a transaction: drops the resources of complete versions past the newest ten. */
export function pruneOldResources(store: Store): void {
  store.db
    .prepare(
      `DELETE FROM resources WHERE version_id IN (
         SELECT id FROM estate_versions WHERE state = 'complete'
         ORDER BY id DESC LIMIT -1 OFFSET ?)`,
    )
    .run(VERSIONS_WITH_RESOURCES);
}

interface PendingRow {
  readonly id: number;
  readonly owner_pid: number;
  readonly owner_token: string | null;
}

function pendingVersions(store: Store): PendingRow[] {
  return store.db
    .prepare("SELECT id, owner_pid, owner_token FROM estate_versions WHERE state = 'pending'")
    .all() as unknown as PendingRow[];
}

/**
 * Whether the process writing a pending version still runs. A version under this process's
 * own pid is its own only if it carries this process's token: otherwise an earlier process
 * given the same pid (a container's every run) wrote it and died.
 */
function ownerAlive(store: Store, row: PendingRow): boolean {
  if (row.owner_pid === store.pid) return row.owner_token === store.ownerToken;
  return store.isAlive(row.owner_pid);
}
