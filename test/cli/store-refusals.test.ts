import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

// No AWS call is made here: every case is about the Escher home on disk.
const CONFIG = '[profile alpha]\nregion = eu-west-1\n';

describe('an Escher home Escher cannot use', () => {
  let t: TestHome;

  beforeEach(() => {
    t = testHome();
    t.writeAws({ config: CONFIG });
  });
  afterEach(() => {
    t.remove();
  });

  it('a mistyped --home is named by read-only commands, and not created', async () => {
    const typo = join(t.home, 'escher-hmoe');
    for (const args of [['overview'], ['resources'], ['profiles', 'show', 'alpha']]) {
      const result = await t.run(['--home', typo, ...args]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toContain(`no Escher home at ${typo} yet`);
      expect(result.stderr).toContain('escher profiles discover');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(typo)).toBe(false);
  });

  it('an empty --home is refused, never taken for the default home', async () => {
    const result = await t.run(['--home', '', 'profiles', 'discover']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--home <dir>' argument '' is invalid");
    expect(existsSync(t.escherHome)).toBe(false);
  });

  it('profiles list before any discover is empty and makes no home', async () => {
    const text = await t.run(['profiles', 'list']);
    const json = await t.run(['profiles', 'list', '--json']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('escher profiles discover');
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(existsSync(t.escherHome)).toBe(false);
  });

  it('a home that is a file says so and is left alone', async () => {
    writeFileSync(t.escherHome, 'my notes\n');
    for (const args of [['profiles', 'discover'], ['profiles', 'list'], ['overview'], ['ui']]) {
      const result = await t.run(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toContain(`the Escher home ${t.escherHome} is a file`);
      expect(result.stderr).toContain('--home');
    }
    expect(readFileSync(t.escherHome, 'utf8')).toBe('my notes\n');
  });

  it('a home under a file is refused by every command, listing too', async () => {
    writeFileSync(t.escherHome, 'my notes\n');
    const under = join(t.escherHome, 'sub');
    for (const args of [['profiles', 'list'], ['profiles', 'discover'], ['overview']]) {
      const result = await t.run(['--home', under, ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(
        `escher: the Escher home ${under} cannot be made: a part of its path is a file, not a ` +
          'directory; choose a directory with --home or ESCHER_HOME\n',
      );
    }
  });

  it('a damaged escher.db is named with the mv that sets it aside, and kept byte for byte', async () => {
    mkdirSync(t.escherHome);
    const db = join(t.escherHome, 'escher.db');
    const garbage = Buffer.from('this was never a database\n'.repeat(40));
    writeFileSync(db, garbage);
    for (const args of [['profiles', 'discover'], ['profiles', 'list'], ['overview']]) {
      const result = await t.run(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toContain(`the Escher store ${db} is damaged`);
      expect(result.stderr).toContain(`mv ${db} ${db}.broken`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(db).equals(garbage)).toBe(true);
  });

  it('a store damaged past its header is named, and a scan does not write into it', async () => {
    expect((await t.run(['profiles', 'discover'])).code).toBe(0);
    expect((await t.run(['profiles', 'enable', 'alpha'])).code).toBe(0);
    const db = join(t.escherHome, 'escher.db');
    // Every page after the first (which holds the header and the schema) overwritten.
    const bytes = readFileSync(db);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xab, pageSize);
    writeFileSync(db, bytes);
    for (const args of [['overview'], ['profiles', 'list'], ['scan']]) {
      const result = await t.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`the Escher store ${db} is damaged`);
      expect(result.stderr).toContain(`mv ${db} ${db}.broken`);
      expect(result.stderr).not.toContain('unexpected failure');
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it("another application's SQLite database is refused and not changed", async () => {
    mkdirSync(t.escherHome);
    const path = join(t.escherHome, 'escher.db');
    const foreign = new DatabaseSync(path);
    foreign.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
    foreign.close();
    const before = readFileSync(path);
    const result = await t.run(['profiles', 'discover']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${path} is another application's SQLite database`);
    expect(result.stderr).toContain('tables: recipes');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a stored value that is not JSON is named by table, column and profile', async () => {
    expect((await t.run(['profiles', 'discover'])).code).toBe(0);
    const path = join(t.escherHome, 'escher.db');
    const db = new DatabaseSync(path);
    db.exec("UPDATE profiles SET warnings = 'not json{' WHERE name = 'alpha'");
    db.close();
    for (const args of [['profiles', 'list'], ['profiles', 'discover'], ['overview']]) {
      const result = await t.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(
        `escher: the Escher store ${path} is damaged or is not an Escher database ` +
          '(profiles.warnings of alpha holds text that is not JSON); Escher has not changed ' +
          `it. Move it aside and start a new store: mv ${path} ${path}.broken, then run ` +
          'escher profiles discover\n',
      );
    }
  });

  it('after a discover the same commands work on that home', async () => {
    expect((await t.run(['profiles', 'discover'])).code).toBe(0);
    const show = await t.run(['profiles', 'show', 'alpha']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('alpha');
    const overview = await t.run(['overview']);
    expect(overview.code).toBe(0);
  });
});
