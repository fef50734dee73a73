import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';
import { abandonDeadVersions } from './versions.ts';

/** The open store and its seams: the clock, and the process that owns what it writes. */
export interface Store {
  readonly db: DatabaseSync;
  readonly path: string;
  now(): Date;
  /** The pid recorded as the owner of a pending EstateView version. */
  readonly pid: number;
  /** Whether the process that owns a pending version still runs. */
  isAlive(pid: number): boolean;
  close(): void;
}

export interface StoreOptions {
  now?: () => Date;
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

export const STORE_FILE = 'escher.db';

/** Opens (creating when needed) `<escherHome>/escher.db`. The home is private to the user. */
export function openStore(escherHome: string, options: StoreOptions = {}): Store {
  if (!existsSync(escherHome)) mkdirSync(escherHome, { recursive: true, mode: 0o700 });
  const path = join(escherHome, STORE_FILE);
  return openStoreAt(path, options);
}

/** Opens a store file, or `:memory:` for tests that need no file. */
export function openStoreAt(path: string, options: StoreOptions = {}): Store {
  const db = new DatabaseSync(path);
  try {
    if (path !== ':memory:') chmodSync(path, 0o600);
    // Another process may hold the write lock for a moment (a scan committing a batch).
    db.exec('PRAGMA busy_timeout = 10000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const store: Store = {
    db,
    path,
    now: options.now ?? (() => new Date()),
    pid: options.pid ?? process.pid,
    isAlive: options.isAlive ?? processIsAlive,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
  abandonDeadVersions(store);
  return store;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` in one write transaction; any throw rolls everything back. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
