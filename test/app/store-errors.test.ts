import { describe, expect, it } from 'vitest';
import { asCliError } from '../../src/app/store-access.ts';
import { CliError } from '../../src/cli/cli-error.ts';

const STORE = '/home/u/.escher/escher.db';

/** What node:sqlite throws, with SQLite's own words. */
const sqliteError = (message: string) =>
  Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR' });

describe(asCliError.name, () => {
  it.each([
    ['database or disk is full', 'could not be written: the disk is full'],
    ['attempt to write a readonly database', 'may not be written'],
    ['database disk image is malformed', 'is damaged or is not an Escher database'],
  ])('names the store and the fix for "%s"', (message, words) => {
    const mapped = asCliError(sqliteError(message), STORE);
    expect(mapped).toBeInstanceOf(CliError);
    expect((mapped as CliError).message).toContain(`the Escher store ${STORE} `);
    expect((mapped as CliError).message).toContain(words);
    expect((mapped as CliError).exitCode).toBe(1);
  });

  it('leaves any other error as it was', () => {
    const other = new Error('something else');
    expect(asCliError(other, STORE)).toBe(other);
  });
});
