import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openStore,
  readSchemaVersion,
  SCHEMA_VERSION,
  StoreTooNewError,
} from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';

describe('openStore', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => {
    dir.remove();
  });

  it('creates a private home and database in WAL mode at the newest schema', () => {
    const home = join(dir.path, 'nested', 'escher');
    const store = openStore(home);
    const mode = store.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    expect(mode.journal_mode).toBe('wal');
    expect(readSchemaVersion(store.db)).toBe(SCHEMA_VERSION);
    store.close();

    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'escher.db')).mode & 0o777).toBe(0o600);
  });

  it('opens an existing store again without migrating twice', () => {
    openStore(dir.path).close();
    const store = openStore(dir.path);
    const rows = store.db.prepare('SELECT version FROM schema_version').all();
    expect(rows).toHaveLength(SCHEMA_VERSION);
    store.close();
  });

  it('refuses a store written by a newer Escher', () => {
    const store = openStore(dir.path);
    store.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION + 1);
    store.close();
    expect(() => openStore(dir.path)).toThrow(StoreTooNewError);
  });
});
