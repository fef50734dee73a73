import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * Why an Escher home or its database cannot be used. Every check here only reads: a damaged
 * file or another application's database is left exactly as it was, for the user to keep.
 */
export type StoreUnusableReason =
  'home-is-file' | 'no-home' | 'damaged' | 'foreign' | 'not-writable';

export class StoreUnusableError extends Error {
  readonly reason: StoreUnusableReason;
  /** The home directory, or the database file, that is at fault. */
  readonly path: string;

  constructor(reason: StoreUnusableReason, path: string, message: string) {
    super(message);
    this.name = 'StoreUnusableError';
    this.reason = reason;
    this.path = path;
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';
/** The table every Escher store has had since its first release. */
const ESCHER_TABLE = 'schema_version';

/** Refuses a home that is a file; true when the directory exists. */
export function checkHome(escherHome: string): boolean {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(escherHome).isDirectory();
  } catch (error) {
    // A file where a folder of the path should be: no home can ever be made there.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new StoreUnusableError(
        'home-is-file',
        escherHome,
        `the Escher home ${escherHome} cannot be made: a part of its path is a file, not a ` +
          'directory; choose a directory with --home or ESCHER_HOME',
      );
    }
    return false;
  }
  if (!isDirectory) {
    throw new StoreUnusableError(
      'home-is-file',
      escherHome,
      `the Escher home ${escherHome} is a file, not a directory: ` +
        'choose a directory with --home or ESCHER_HOME',
    );
  }
  return true;
}

/**
 * Refuses a store this user may not write. SQLite opens even a read query of a WAL database
 * by writing beside it (its shared-memory file), so a store owned by another user, or kept in
 * a folder this user cannot write, fails with "readonly database": that is a permission to
 * fix, not a damaged file to move aside.
 */
export function checkStoreWritable(path: string): void {
  const folder = dirname(path);
  const refused = (place: string): boolean => {
    try {
      accessSync(place, constants.W_OK);
      return false;
    } catch {
      return true;
    }
  };
  const blocked = refused(path) ? path : refused(folder) ? folder : undefined;
  if (blocked === undefined) return;
  const { uid, mode } = statSync(blocked);
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  const you = process.getuid?.();
  throw new StoreUnusableError(
    'not-writable',
    blocked,
    `the Escher store ${path} cannot be opened: ${blocked} is not writable by this user ` +
      `(uid ${String(you ?? 'unknown')}; it belongs to uid ${uid}, mode ${octal}). The store is ` +
      'unchanged. Run Escher as the user who owns it, make it yours ' +
      `(sudo chown -R "$(id -u)" ${folder}), or choose another home with --home`,
  );
}

/**
 * Checks an existing database file before Escher writes to it: it must be a whole SQLite file
 * (not random bytes, not cut short) holding Escher's schema or nothing at all.
 */
export function checkStoreFile(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return; // SQLite's own empty database: Escher sets it up.
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read < header.length || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw damaged(path, 'it is not an SQLite database');
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count is valid when the two change counters agree (SQLite's file format rule).
  // With a write-ahead log beside the file, the file alone may be shorter than its header says:
  // a process killed while copying the log into it (a checkpoint) has written the header first,
  // and SQLite completes the copy from the log on the next open. Only SQLite can judge that.
  const headerSaysPages =
    header.readUInt32BE(24) === header.readUInt32BE(92) && !hasWriteAheadLog(path);
  if (headerSaysPages && size < pages * pageSize) {
    throw damaged(path, `it is cut short: ${size} bytes of ${pages * pageSize}`);
  }
  const tables = tablesOf(path);
  if (tables.length > 0 && !tables.includes(ESCHER_TABLE)) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', ...' : '');
    throw new StoreUnusableError(
      'foreign',
      path,
      `${path} is another application's SQLite database (tables: ${shown}), not an Escher ` +
        'store; Escher has not changed it. Choose another Escher home with --home, or move ' +
        `the file aside: mv ${path} ${path}.broken`,
    );
  }
}

function hasWriteAheadLog(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function tablesOf(path: string): string[] {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const rows = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    return rows.map((row) => row.name);
  } catch (error) {
    throw damaged(path, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
  }
}

/** SQLite's words for a file it cannot read as a database. */
export function isDamagedDatabaseError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /file is not a database|malformed|file is encrypted|disk image/i.test(message);
}

export function damaged(path: string, why: string): StoreUnusableError {
  return new StoreUnusableError(
    'damaged',
    path,
    `the Escher store ${path} is damaged or is not an Escher database (${why}); ` +
      'Escher has not changed it. Move it aside and start a new store: ' +
      `mv ${path} ${path}.broken, then run escher profiles discover`,
  );
}

/**
 * SQLite's own check of every page (`quick_check`): a store damaged past its header reads
 * fine until a query touches the bad page. It costs a read of the file, so it runs before a
 * refresh, which writes a whole version, and not before every query.
 */
export function checkStoreIntegrity(store: { db: DatabaseSync; path: string }): void {
  const rows = store.db.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
  if (problems.length > 0) throw damaged(store.path, `SQLite's check: ${problems.join('; ')}`);
}
