import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';
import {
  checkHome,
  checkStoreFile,
  checkStoreWritable,
  damaged,
  isDamagedDatabaseError,
  StoreUnusableError,
} from './store-file.ts';
import { abandonDeadVersions } from './versions.ts';

/** The open store and its seams: the clock, and the process that owns what it writes. */
export interface Store {
  readonly db: DatabaseSync;
  readonly path: string;
  now(): Date;
  /** The pid recorded as the owner of a pending EstateView version. */
  readonly pid: number;
  /** Told apart from another process that was given the same pid. */
  readonly ownerToken: string;
  /** Whether the process that owns a pending version still runs. */
  isAlive(pid: number): boolean;
  close(): void;
}

export interface StoreOptions {
  /** False for commands that only read: a home or database that is not there is an error. */
  create?: boolean;
  now?: () => Date;
  pid?: number;
  ownerToken?: string;
  isAlive?: (pid: number) => boolean;
}

export const STORE_FILE = 'escher.db';

/** Opens (creating when needed) `<escherHome>/escher.db`. The home is private to the user. */
export function openStore(escherHome: string, options: StoreOptions = {}): Store {
  const path = join(escherHome, STORE_FILE);
  const homeExists = checkHome(escherHome);
  if (options.create === false && (!homeExists || !existsSync(path))) {
    throw new StoreUnusableError(
      'no-home',
      escherHome,
      homeExists
        ? `no Escher store in ${escherHome} yet (no ${STORE_FILE}): ` +
            'run escher profiles discover (with the same --home) first'
        : `no Escher home at ${escherHome} yet: ` +
            'run escher profiles discover (with the same --home) first',
    );
  }
  if (!homeExists) mkdirSync(escherHome, { recursive: true, mode: 0o700 });
  return openStoreAt(path, options);
}

/** Opens a store file, or `:memory:` for tests that need no file. */
export function openStoreAt(path: string, options: StoreOptions = {}): Store {
  // Before anything is written (WAL mode, the schema, its mode bits): never change a file that
  // is damaged or belongs to another application.
  if (path !== ':memory:' && existsSync(path)) {
    checkStoreWritable(path);
    checkStoreFile(path);
  }
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
    throw isDamagedDatabaseError(error) ? damaged(path, (error as Error).message) : error;
  }
  const store: Store = {
    db,
    path,
    now: options.now ?? (() => new Date()),
    pid: options.pid ?? process.pid,
    ownerToken: options.ownerToken ?? PROCESS_TOKEN,
    isAlive: options.isAlive ?? processIsAlive,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
  abandonDeadVersions(store);
  return store;
}

/** This process's own token: every store it opens writes pending versions under it. */
const PROCESS_TOKEN = randomUUID();

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
