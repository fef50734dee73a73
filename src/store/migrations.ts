import type { DatabaseSync } from 'node:sqlite';

/**
 * The schema, as ordered steps. A step is never edited once released: a change is a new step,
 * so an Escher home written by an older version upgrades in place.
 */
interface Migration {
  readonly version: number;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE profiles (
        name TEXT PRIMARY KEY,
        lifecycle TEXT NOT NULL
          CHECK (lifecycle IN ('Discovered','Enabled','Active','Disabled','Missing')),
        -- The state to return to when a Missing profile's section reappears.
        previous_lifecycle TEXT,
        access_status TEXT NOT NULL DEFAULT 'UNTESTED'
          CHECK (access_status IN ('OK','PARTIAL','ERROR','DISCONNECTED','UNTESTED')),
        access_detail TEXT,
        account_id TEXT,
        region TEXT,
        credential_kind TEXT NOT NULL,
        source_file TEXT NOT NULL,
        source_section TEXT NOT NULL,
        source_line INTEGER NOT NULL,
        endpoint_url TEXT,
        note TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        last_tested TEXT,
        last_refreshed TEXT,
        ever_connected INTEGER NOT NULL DEFAULT 0,
        discovered_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE estate_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        completed_at TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending','complete','abandoned')),
        -- The process writing a pending version; a dead owner means the version was abandoned.
        owner_pid INTEGER NOT NULL,
        previous_id INTEGER,
        added INTEGER,
        removed INTEGER,
        modified INTEGER
      ) STRICT;

      CREATE TABLE version_profiles (
        version_id INTEGER NOT NULL REFERENCES estate_versions(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        account_id TEXT,
        -- 1: scanned by this version's refresh; 0: carried over from the previous version.
        scanned INTEGER NOT NULL,
        scanned_at TEXT,
        error TEXT,
        PRIMARY KEY (version_id, profile)
      ) STRICT;

      CREATE TABLE resources (
        version_id INTEGER NOT NULL REFERENCES estate_versions(id) ON DELETE CASCADE,
        account TEXT NOT NULL,
        type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        domain TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        tags TEXT NOT NULL,
        attributes TEXT NOT NULL,
        observed_by TEXT NOT NULL,
        PRIMARY KEY (version_id, account, type, resource_id)
      ) STRICT;
      CREATE INDEX resources_by_type ON resources (version_id, type);

      CREATE TABLE coverage (
        version_id INTEGER NOT NULL REFERENCES estate_versions(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        domain TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('OK','PARTIAL','ERROR','NOT ENABLED')),
        detail TEXT NOT NULL,
        counts TEXT NOT NULL,
        PRIMARY KEY (version_id, profile, domain)
      ) STRICT;

      CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES estate_versions(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        domain TEXT NOT NULL,
        region TEXT NOT NULL,
        operation TEXT NOT NULL,
        action TEXT NOT NULL,
        error_code TEXT NOT NULL,
        http_status INTEGER,
        kind TEXT NOT NULL,
        denied_by TEXT,
        fix TEXT NOT NULL,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX failures_by_profile ON failures (version_id, profile);

      CREATE TABLE changes (
        version_id INTEGER NOT NULL REFERENCES estate_versions(id) ON DELETE CASCADE,
        account TEXT NOT NULL,
        type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        change TEXT NOT NULL CHECK (change IN ('added','removed','modified')),
        name TEXT NOT NULL,
        PRIMARY KEY (version_id, account, type, resource_id)
      ) STRICT;
    `,
  },
  {
    // A process id alone cannot tell a writer that died from a new process given the same
    // id (in a container every run is pid 2): each process also leaves a token of its own.
    version: 2,
    sql: 'ALTER TABLE estate_versions ADD COLUMN owner_token TEXT;',
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export class StoreTooNewError extends Error {
  readonly found: number;
  constructor(found: number) {
    super(
      `the Escher store has schema version ${found}, newer than this Escher (${SCHEMA_VERSION}): ` +
        'upgrade Escher or use another --home',
    );
    this.name = 'StoreTooNewError';
    this.found = found;
  }
}

/** Applies every step newer than the store's version, each in its own transaction. */
export function migrate(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT');
  for (const step of MIGRATIONS) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Read inside the write lock: two processes opening a new home must not both migrate.
      const current = readSchemaVersion(db);
      if (current > SCHEMA_VERSION) throw new StoreTooNewError(current);
      if (step.version > current) {
        db.exec(step.sql);
        db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(step.version);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

export function readSchemaVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as
    { version: number | null } | undefined;
  return row?.version ?? 0;
}
