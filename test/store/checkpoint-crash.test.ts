import {
  copyFileSync,
  mkdirSync,
  openSync,
  closeSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, STORE_FILE } from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';

/**
 * The state on disk of a process killed while SQLite copied its write-ahead log into the
 * database file: the file's header already counts the new pages, the file is not yet that long,
 * and the log still holds every page. SQLite completes the copy on the next open.
 */
const ROWS = 500;

function crashMidCheckpoint(home: string): void {
  const live = join(home, 'live');
  mkdirSync(live);
  const db = new DatabaseSync(join(live, STORE_FILE));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA wal_autocheckpoint = 0');
  db.exec('CREATE TABLE schema_version (version INTEGER)');
  db.exec('CREATE TABLE filler (body TEXT)');
  db.exec('BEGIN');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let row = 0; row < ROWS; row += 1) insert.run('x'.repeat(4000));
  db.exec('COMMIT');

  // Copied while the connection is open: closing would complete the checkpoint.
  const crashed = join(home, 'crashed');
  mkdirSync(crashed);
  for (const suffix of ['', '-wal', '-shm']) {
    copyFileSync(join(live, STORE_FILE + suffix), join(crashed, STORE_FILE + suffix));
  }
  db.close();

  const file = join(crashed, STORE_FILE);
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r+');
  readSync(fd, header, 0, 100, 0);
  const pageSize = header.readUInt16BE(16);
  const claimed = Math.ceil(statSync(file).size / pageSize) + 300;
  header.writeUInt32BE(claimed, 28);
  header.writeUInt32BE(header.readUInt32BE(24), 92);
  writeSync(fd, header, 0, 100, 0);
  closeSync(fd);
  expect(statSync(file).size).toBeLessThan(claimed * pageSize);
}

describe('a store whose process was killed during a checkpoint', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => {
    dir.remove();
  });

  it('opens with every committed row, instead of being called cut short', () => {
    crashMidCheckpoint(dir.path);
    const store = openStore(join(dir.path, 'crashed'));
    try {
      const count = store.db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number };
      expect(count.n).toBe(ROWS);
      const check = store.db.prepare('PRAGMA integrity_check').get() as {
        integrity_check: string;
      };
      expect(check.integrity_check).toBe('ok');
    } finally {
      store.close();
    }
  });
});
